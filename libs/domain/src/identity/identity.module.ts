import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { IdentityService } from './identity.service';
import { PasswordResetService } from './password-reset.service';
import { RegionsService } from './regions.service';
import { UsersService } from './users.service';
import { Region, RegionRevision } from './region.entity';
import { CalendarFeedToken, Organization, RefreshToken, User } from './user.entity';

@Module({
  imports: [
    TypeOrmModule.forFeature([User, Region, RegionRevision, RefreshToken, CalendarFeedToken, Organization]),
  ],
  providers: [IdentityService, RegionsService, UsersService, PasswordResetService],
  exports: [IdentityService, RegionsService, UsersService, PasswordResetService, TypeOrmModule],
})
export class IdentityModule {}
