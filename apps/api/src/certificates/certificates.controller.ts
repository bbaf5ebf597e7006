import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query, Req, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Actor, CertificatesService } from '@qatys/domain';
import { CurrentActor } from '../common/current-actor.decorator';
import { ApiErrors, ApiJsonBodyErrors, Bearer, Public, Roles } from '../common/openapi';
import { uuidParam } from '../registrations/uuid.pipe';
import { CertificateConsentRequest, CertificateReasonRequest, VerifyQuery } from './certificates.request';
import {
  BatchResponse,
  CertificateListResponse,
  CertificateResponse,
  VerificationResponse,
} from './certificates.response';
import { VerifyThrottle } from './verify-throttle';
import { pageLanguage, verifyPage } from './verify-page';

const STAFF = ['admin', 'organizer'] as const;

/**
 * Certificates of completion: organizers issue them for a whole program (a batch of worker jobs
 * whose progress can be followed), revoke and re-issue; holders list and download theirs and
 * choose whether the public page shows their name; anyone verifies a code (rate-limited).
 */
@ApiTags('certificates')
@Controller()
export class CertificatesController {
  constructor(
    private readonly certificates: CertificatesService,
    private readonly throttle: VerifyThrottle,
  ) {}

  @Post('programs/:programId/certificates/issue')
  @Bearer()
  @Roles(...STAFF)
  @HttpCode(202)
  @ApiOperation({
    summary: 'Issue certificates to every completer of the program who has none (worker jobs)',
  })
  @ApiResponse({
    status: 202,
    type: BatchResponse,
    description: 'the batch; follow it at /certificate-batches/:id',
  })
  @ApiErrors(400, 404)
  async issue(
    @CurrentActor() actor: Actor,
    @Param('programId', uuidParam('programId')) id: string,
  ): Promise<BatchResponse> {
    return BatchResponse.of(await this.certificates.requestForProgram(actor, id));
  }

  @Get('certificate-batches/:batchId')
  @Bearer()
  @Roles(...STAFF)
  @ApiOperation({ summary: 'Progress of a bulk issue' })
  @ApiOkResponse({ type: BatchResponse })
  @ApiErrors(400, 404)
  async batch(
    @CurrentActor() actor: Actor,
    @Param('batchId', uuidParam('batchId')) id: string,
  ): Promise<BatchResponse> {
    return BatchResponse.of(await this.certificates.batch(actor, id));
  }

  @Get('programs/:programId/certificates')
  @Bearer()
  @Roles(...STAFF)
  @ApiOperation({ summary: "A program's certificates (every status)" })
  @ApiOkResponse({ type: CertificateListResponse })
  @ApiErrors(400)
  async list(
    @CurrentActor() actor: Actor,
    @Param('programId', uuidParam('programId')) id: string,
  ): Promise<CertificateListResponse> {
    return { items: (await this.certificates.listForProgram(actor, id)).map(CertificateResponse.of) };
  }

  @Post('certificates/:certificateId/revoke')
  @Bearer()
  @Roles(...STAFF)
  @HttpCode(200)
  @ApiOperation({ summary: 'Revoke: the verification page says revoked from now on' })
  @ApiOkResponse({ type: CertificateResponse })
  @ApiErrors(404)
  @ApiJsonBodyErrors()
  async revoke(
    @CurrentActor() actor: Actor,
    @Param('certificateId', uuidParam('certificateId')) id: string,
    @Body() body: CertificateReasonRequest,
  ): Promise<CertificateResponse> {
    return CertificateResponse.of(await this.certificates.revoke(actor, id, body.reason ?? null));
  }

  @Post('certificates/:certificateId/reissue')
  @Bearer()
  @Roles(...STAFF)
  @HttpCode(202)
  @ApiOperation({ summary: 'Re-issue: revoke and make a new certificate (new number, the profile name now)' })
  @ApiResponse({
    status: 202,
    type: CertificateResponse,
    description: 'the new certificate, pending its PDF',
  })
  @ApiErrors(404, [409, 'certificate_pending, already_reissued'])
  @ApiJsonBodyErrors()
  async reissue(
    @CurrentActor() actor: Actor,
    @Param('certificateId', uuidParam('certificateId')) id: string,
    @Body() body: CertificateReasonRequest,
  ): Promise<CertificateResponse> {
    return CertificateResponse.of(await this.certificates.reissue(actor, id, body.reason ?? null));
  }

  @Get('me/certificates')
  @Bearer()
  @ApiOperation({ summary: 'My certificates' })
  @ApiOkResponse({ type: CertificateListResponse })
  async mine(@CurrentActor() actor: Actor): Promise<CertificateListResponse> {
    return { items: (await this.certificates.mine(actor)).map(CertificateResponse.of) };
  }

  @Patch('me/certificates/:certificateId')
  @Bearer()
  @ApiOperation({ summary: 'Whether the public verification page shows my full name' })
  @ApiOkResponse({ type: CertificateResponse })
  @ApiErrors(404)
  @ApiJsonBodyErrors()
  async consent(
    @CurrentActor() actor: Actor,
    @Param('certificateId', uuidParam('certificateId')) id: string,
    @Body() body: CertificateConsentRequest,
  ): Promise<CertificateResponse> {
    return CertificateResponse.of(await this.certificates.setPublicName(actor, id, body.publicName));
  }

  @Get('certificates/:certificateId/pdf')
  @Bearer()
  @ApiOperation({ summary: 'The PDF (its holder, or an organizer)' })
  @ApiOkResponse({
    description: 'application/pdf',
    content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } },
  })
  @ApiErrors(400, 404, [409, 'certificate_pending'])
  async pdf(
    @CurrentActor() actor: Actor,
    @Param('certificateId', uuidParam('certificateId')) id: string,
    @Res() res: Response,
  ): Promise<void> {
    const { number, pdf } = await this.certificates.pdf(actor, id);
    res.setHeader('content-type', 'application/pdf');
    res.setHeader('content-disposition', `attachment; filename="${number}.pdf"`);
    res.end(pdf);
  }

  @Get('certificates/verify/:code')
  @Public()
  @ApiOperation({
    summary: 'Verify a certificate code: valid, revoked or unknown (rate-limited per address)',
  })
  @ApiOkResponse({ type: VerificationResponse })
  @ApiErrors(400, 429)
  async verify(
    @Param('code') code: string,
    @Query() q: VerifyQuery,
    @Req() req: Request,
  ): Promise<VerificationResponse> {
    await this.throttle.take(req.ip);
    return VerificationResponse.of(
      await this.certificates.verify(code, pageLanguage(q.lang, req.get('accept-language'))),
    );
  }

  @Get('verify/:code')
  @Public()
  @ApiOperation({
    summary: 'The public verification page of a QR code (HTML, kk/ru/en; rate-limited per address)',
  })
  @ApiOkResponse({ description: 'text/html', content: { 'text/html': { schema: { type: 'string' } } } })
  @ApiErrors(400, 429)
  async page(
    @Param('code') code: string,
    @Query() q: VerifyQuery,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<string> {
    await this.throttle.take(req.ip);
    const lang = pageLanguage(q.lang, req.get('accept-language'));
    const page = verifyPage(await this.certificates.verify(code, lang), lang);
    // Set here, not by decorator: an error answer (429) stays JSON.
    res.setHeader('content-type', 'text/html; charset=utf-8');
    res.setHeader('cache-control', 'no-store');
    return page;
  }
}
