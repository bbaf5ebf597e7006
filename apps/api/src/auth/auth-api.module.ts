import { Module } from '@nestjs/common';
import { IdentityModule } from '@qatys/domain';
import { AuthController } from './auth.controller';
import { SignInThrottle } from './sign-in-throttle.service';

@Module({
  imports: [IdentityModule],
  controllers: [AuthController],
  providers: [SignInThrottle],
})
export class AuthApiModule {}
