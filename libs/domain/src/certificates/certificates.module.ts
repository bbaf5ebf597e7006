import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AttendanceModule } from '../attendance/attendance.module';
import { Certificate } from './certificate.entity';
import { CertificateHandlers } from './certificate.handlers';
import { CertificateIssuerService } from './certificate-issuer.service';
import { CertificateNoticeContent } from './certificate-notice.content';
import { CertificatesService } from './certificates.service';

const SERVICES = [
  CertificatesService,
  CertificateIssuerService,
  CertificateHandlers,
  CertificateNoticeContent,
];

/** Certificates of completion. Needs CERTIFICATE_SETTINGS (CertificateSettingsModule) from the app. */
@Module({
  imports: [TypeOrmModule.forFeature([Certificate]), AttendanceModule],
  providers: SERVICES,
  exports: SERVICES,
})
export class CertificatesModule {}
