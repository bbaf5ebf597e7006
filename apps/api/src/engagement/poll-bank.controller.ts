import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { Actor, PollBankService } from '@qatys/domain';
import { CurrentActor } from '../common/current-actor.decorator';
import { ApiErrors, ApiJsonBodyErrors, Bearer, Roles } from '../common/openapi';
import { uuidParam } from '../registrations/uuid.pipe';
import { PollDefinitionRequest } from './engagement.request';
import { BankItemResponse } from './engagement.response';

const INVALID = [
  400,
  'validation_failed, or invalid_poll (details.rule: options, kind, maxChoices, scale, quiz, correct, text)',
] as [400, string];

/** A program's poll bank: polls and quiz questions prepared in kk/ru/en, opened live from the console. */
@ApiTags('engagement')
@Bearer()
@Controller()
export class PollBankController {
  constructor(private readonly bank: PollBankService) {}

  @Get('programs/:programId/poll-bank')
  @Roles('admin', 'organizer')
  @ApiOperation({ summary: "The program's prepared polls and quiz questions, oldest first" })
  @ApiOkResponse({ type: [BankItemResponse] })
  @ApiErrors(400, 404)
  async list(
    @CurrentActor() actor: Actor,
    @Param('programId', uuidParam('programId')) programId: string,
  ): Promise<BankItemResponse[]> {
    return (await this.bank.list(actor, programId)).map(BankItemResponse.of);
  }

  @Get('sessions/:sessionId/poll-bank')
  @ApiOperation({
    summary:
      "The bank of the session's program, for the staff who run it live (moderators, speakers, organizers; coordinators)",
  })
  @ApiOkResponse({ type: [BankItemResponse] })
  @ApiErrors(400, [403, 'not staff of the session: forbidden, not_registered'], 404)
  async forSession(
    @CurrentActor() actor: Actor,
    @Param('sessionId', uuidParam('sessionId')) sessionId: string,
  ): Promise<BankItemResponse[]> {
    return (await this.bank.listForSession(actor, sessionId)).map(BankItemResponse.of);
  }

  @Post('programs/:programId/poll-bank')
  @Roles('admin', 'organizer')
  @ApiOperation({ summary: 'Add a poll or quiz question to the bank' })
  @ApiCreatedResponse({ type: BankItemResponse })
  @ApiJsonBodyErrors()
  @ApiErrors(INVALID, 404)
  async add(
    @CurrentActor() actor: Actor,
    @Param('programId', uuidParam('programId')) programId: string,
    @Body() body: PollDefinitionRequest,
  ): Promise<BankItemResponse> {
    return BankItemResponse.of(await this.bank.add(actor, programId, body));
  }

  @Put('programs/:programId/poll-bank/:itemId')
  @Roles('admin', 'organizer')
  @ApiOperation({ summary: 'Replace an item (polls already made from it keep their copy)' })
  @ApiOkResponse({ type: BankItemResponse })
  @ApiJsonBodyErrors()
  @ApiErrors(INVALID, [404, 'bank_item_not_found'])
  async replace(
    @CurrentActor() actor: Actor,
    @Param('programId', uuidParam('programId')) programId: string,
    @Param('itemId', uuidParam('itemId')) itemId: string,
    @Body() body: PollDefinitionRequest,
  ): Promise<BankItemResponse> {
    return BankItemResponse.of(await this.bank.replace(actor, programId, itemId, body));
  }

  @Delete('programs/:programId/poll-bank/:itemId')
  @Roles('admin', 'organizer')
  @HttpCode(204)
  @ApiOperation({ summary: 'Remove an item (polls already made from it stay)' })
  @ApiNoContentResponse({ description: 'removed' })
  @ApiErrors(400, [404, 'bank_item_not_found'])
  async remove(
    @CurrentActor() actor: Actor,
    @Param('programId', uuidParam('programId')) programId: string,
    @Param('itemId', uuidParam('itemId')) itemId: string,
  ): Promise<void> {
    await this.bank.remove(actor, programId, itemId);
  }
}
