import { Module } from '@nestjs/common';
import { CertificatesModule } from '@qatys/domain';
import { CertificatesController } from './certificates.controller';
import { VerifyThrottle } from './verify-throttle';

@Module({
  imports: [CertificatesModule],
  controllers: [CertificatesController],
  providers: [VerifyThrottle],
})
export class CertificatesApiModule {}
