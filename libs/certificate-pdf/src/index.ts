export type {
  CertificateCluster,
  CertificateData,
  CertificateLanguage,
  CertificateOutcome,
} from './certificate-data';
export { loadCertificateAssets, renderCertificate, type CertificateAssets } from './certificate';
