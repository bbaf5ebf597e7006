import { Module } from '@nestjs/common';
import { IdentityModule } from '@qatys/domain';
import { OrganizationsController } from './organizations.controller';
import { UsersController } from './users.controller';

@Module({
  imports: [IdentityModule],
  controllers: [UsersController, OrganizationsController],
})
export class UsersApiModule {}
