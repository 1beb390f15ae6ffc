import { Controller, Get, Headers, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import {
  Command,
  VerifyCode,
  type CommandContext,
  type StoredCredentialVerification,
} from '@balanse/contracts';
import { ServiceError } from '@balanse/messaging';
import { Inject } from '@nestjs/common';
import { GATEWAY_OPTIONS, jsonBodyLimit, type GatewayOptions } from '../http/gateway-options';
import { StreamedBody } from '../http/json-body.guard';
import { Caller } from '../http/principal';
import { Public } from '../http/public.decorator';
import { ServiceClient } from '../http/service-client';
import {
  formPage,
  notFoundPage,
  PAGE_CSP,
  pickLang,
  resultPage,
  unavailablePage,
  type Lang,
} from './verify-page';

const UUID = /^(?:urn:uuid:)?([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i;

/**
 * The public verification pages (HTML, no login): `/verify/{credentialId}` (the id printed on
 * the certificate), `/verify` (a form to paste or upload a credential), both in Norwegian and
 * English. Not part of the JSON API (left out of OpenAPI).
 */
@ApiExcludeController()
@Public()
@Controller('verify')
export class VerifyPageController {
  private readonly bodyLimit: number;

  constructor(
    private readonly services: ServiceClient,
    @Inject(GATEWAY_OPTIONS) options: GatewayOptions,
  ) {
    this.bodyLimit = jsonBodyLimit(options);
  }

  @Get()
  form(
    @Query('lang') lang: unknown,
    @Headers('accept-language') accept: string | undefined,
    @Res() res: Response,
  ) {
    const l = pickLang(lang, accept);
    send(
      res,
      200,
      formPage(l, (to) => `/verify?lang=${to}`),
    );
  }

  @Post()
  @StreamedBody()
  async submit(@Caller() caller: CommandContext, @Req() req: Request, @Res() res: Response) {
    let fields: { credential?: string; lang?: string };
    let l = pickLang(undefined, req.headers['accept-language']);
    const switchHref = (to: Lang) => `/verify?lang=${to}`;
    try {
      fields = await this.readForm(req);
    } catch (err) {
      if (err instanceof TooLarge) {
        if (err.unread) {
          res.setHeader('connection', 'close');
          res.on('finish', () => req.destroy());
        }
        return send(res, 413, formPage(l, switchHref, 'tooLarge'));
      }
      return send(res, 400, formPage(l, switchHref, 'notJson'));
    }
    l = pickLang(fields.lang, req.headers['accept-language']);
    const text = fields.credential?.trim() ?? '';
    if (!text) return send(res, 400, formPage(l, switchHref, 'empty'));
    let credential: unknown = text;
    if (/^[[{"]/.test(text)) {
      try {
        credential = JSON.parse(text);
      } catch {
        return send(res, 400, formPage(l, switchHref, 'notJson'));
      }
    }
    if (
      typeof credential === 'object' &&
      credential !== null &&
      'verifiableCredential' in credential
    )
      credential = (credential as { verifiableCredential: unknown }).verifiableCredential;
    await this.answer(res, l, switchHref, () =>
      this.services.call<StoredCredentialVerification>(
        'certify',
        Command.certify.verifyCredential,
        caller,
        { body: { verifiableCredential: credential, summary: true } },
      ),
    );
  }

  @Get(':ref')
  async stored(
    @Caller() caller: CommandContext,
    @Param('ref') ref: string,
    @Query('lang') lang: unknown,
    @Headers('accept-language') accept: string | undefined,
    @Res() res: Response,
  ) {
    const l = pickLang(lang, accept);
    const id = UUID.exec(ref)?.[1]?.toLowerCase();
    const switchHref = (to: Lang) => `/verify/${encodeURIComponent(id ?? ref)}?lang=${to}`;
    if (!id) return send(res, 404, notFoundPage(l, switchHref));
    await this.answer(res, l, switchHref, () =>
      this.services.call<StoredCredentialVerification>(
        'certify',
        Command.certify.verifyStoredCredential,
        caller,
        { params: { id } },
      ),
    );
  }

  private async answer(
    res: Response,
    l: Lang,
    switchHref: (to: Lang) => string,
    ask: () => Promise<StoredCredentialVerification>,
  ) {
    let answer: StoredCredentialVerification;
    try {
      answer = await ask();
    } catch (err) {
      if (err instanceof ServiceError && err.body.status >= 500) {
        res.setHeader('retry-after', '5');
        return send(res, err.body.status, unavailablePage(l, switchHref));
      }
      if (err instanceof ServiceError && err.body.status === 413)
        return send(
          res,
          413,
          resultPage(
            l,
            {
              verified: false,
              checks: [],
              warnings: [],
              errors: [{ code: VerifyCode.TOO_LARGE, message: err.body.message }],
            },
            undefined,
            switchHref,
          ),
        );
      throw err;
    }
    if (!answer.found) return send(res, 404, notFoundPage(l, switchHref));
    send(res, 200, resultPage(l, answer.result, answer.summary, switchHref));
  }

  /** The form's fields from a multipart (file upload) or urlencoded body, up to the body limit. */
  private async readForm(req: Request): Promise<{ credential?: string; lang?: string }> {
    const type = req.headers['content-type'] ?? '';
    if (req.is('application/json')) {
      // Read already by the JSON parser: the body is the credential (or {verifiableCredential}).
      return { credential: JSON.stringify(req.body ?? null) };
    }
    const body = await readBody(req, this.bodyLimit);
    if (!/^(multipart\/form-data|application\/x-www-form-urlencoded)\b/i.test(type))
      return { credential: body.toString('utf8') };
    const form = await new globalThis.Response(body, {
      headers: { 'content-type': type },
    }).formData();
    const file = form.get('file');
    const pasted = form.get('credential');
    const lang = form.get('lang');
    const fromFile = typeof file === 'object' && file !== null ? await file.text() : '';
    return {
      credential: fromFile.trim() ? fromFile : typeof pasted === 'string' ? pasted : undefined,
      lang: typeof lang === 'string' ? lang : undefined,
    };
  }
}

class TooLarge extends Error {
  /** The body was not read to its end: close the connection after the answer. */
  constructor(readonly unread: boolean) {
    super('the form is too large');
  }
}

/**
 * A body over the limit is still read to its end (and dropped), up to DRAIN_BYTES, before the
 * 413: a client still sending would otherwise meet a closed connection instead of the answer.
 * Past that, the connection is closed once the answer is out.
 */
const DRAIN_BYTES = 16 * 1024 * 1024;

function readBody(req: Request, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const declared = Number(req.headers['content-length']);
    if (declared > DRAIN_BYTES) return reject(new TooLarge(true));
    let tooLarge = declared > limit;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) tooLarge = true;
      if (size > DRAIN_BYTES) {
        req.pause();
        reject(new TooLarge(true));
      } else if (!tooLarge) chunks.push(chunk);
    });
    req.on('end', () => (tooLarge ? reject(new TooLarge(false)) : resolve(Buffer.concat(chunks))));
    req.on('error', reject);
  });
}

function send(res: Response, status: number, html: string): void {
  res
    .status(status)
    .set({
      'content-type': 'text/html; charset=utf-8',
      'content-security-policy': PAGE_CSP,
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'cache-control': 'no-store',
      'x-frame-options': 'DENY',
    })
    .send(html);
}
