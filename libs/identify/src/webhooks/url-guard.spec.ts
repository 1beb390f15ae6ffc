import { isForbiddenAddress, urlProblem } from './url-guard';

const strict = { allowPrivate: false, allowHttp: false };

describe('webhook URLs', () => {
  it.each([
    '127.0.0.1',
    '10.1.2.3',
    '172.16.0.1',
    '172.31.255.255',
    '192.168.1.1',
    '169.254.169.254', // cloud metadata
    '100.64.0.1',
    '0.0.0.0',
    '224.0.0.1',
    '::1',
    '::',
    'fe80::1',
    'fd00:ec2::254', // AWS metadata over IPv6
    '::ffff:127.0.0.1',
    '::ffff:a9fe:a9fe',
    'not-an-address',
  ])('%s is forbidden', (address) => expect(isForbiddenAddress(address)).toBe(true));

  it.each(['93.184.216.34', '8.8.8.8', '172.32.0.1', '2606:4700::1111'])(
    '%s is public',
    (address) => expect(isForbiddenAddress(address)).toBe(false),
  );

  it.each([
    ['https://127.0.0.1/hook', /loopback/],
    ['https://[::1]/hook', /loopback/],
    ['https://169.254.169.254/latest/meta-data', /link-local/],
    ['https://localhost/hook', /loopback/],
    ['http://93.184.216.34/hook', /must be an https URL/],
    ['ftp://93.184.216.34/hook', /must be an https URL/],
    ['https://user:pw@93.184.216.34/hook', /user name or password/],
    ['hook', /absolute URL/],
  ])('%s is refused', async (url, why) => {
    expect(await urlProblem(url, strict)).toMatch(why);
  });

  it('takes a public address, and private ones and http where the operator allows', async () => {
    expect(await urlProblem('https://93.184.216.34/hook', strict)).toBeNull();
    expect(
      await urlProblem('http://127.0.0.1:9/hook', { allowPrivate: true, allowHttp: true }),
    ).toBeNull();
    expect(
      await urlProblem('http://127.0.0.1:9/hook', { allowPrivate: true, allowHttp: false }),
    ).toMatch(/https/);
  });
});
