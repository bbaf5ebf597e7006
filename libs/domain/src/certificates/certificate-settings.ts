import { DynamicModule, Global, Module } from '@nestjs/common';

export interface CertificateSettings {
  /** Base of the verification links printed as QR codes (PUBLIC_BASE_URL). */
  publicBaseUrl: string;
  /** Where DejaVu Sans is (the worker renders; the api never does). */
  fontDir: string;
}

export const CERTIFICATE_SETTINGS = Symbol('CERTIFICATE_SETTINGS');

/** Where Debian's fonts-dejavu-core puts DejaVu Sans. */
export const DEFAULT_CERTIFICATE_FONT_DIR = '/usr/share/fonts/truetype/dejavu';

export const verifyUrl = (s: Pick<CertificateSettings, 'publicBaseUrl'>, code: string) =>
  `${s.publicBaseUrl.replace(/\/+$/, '')}/verify/${code}`;

@Global()
@Module({})
export class CertificateSettingsModule {
  static forRoot(settings: CertificateSettings): DynamicModule {
    return {
      module: CertificateSettingsModule,
      providers: [{ provide: CERTIFICATE_SETTINGS, useValue: settings }],
      exports: [CERTIFICATE_SETTINGS],
    };
  }
}
