import { Controller, Get, Post } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Test } from '@nestjs/testing';
import { IS_PUBLIC, ROLES } from './current-actor.decorator';
import { ApiCsvResponse, ApiErrors, Bearer, CalendarFeedToken, Public, Roles } from './openapi';

@Bearer()
@Roles('organizer')
@Controller('things')
class ThingsController {
  @Public()
  @Get()
  @ApiErrors(400)
  list(): string[] {
    return [];
  }

  @Post()
  @ApiErrors(400)
  create(): string {
    return 'x';
  }

  @Public({ optionalBearer: true })
  @Get('one.ics')
  @ApiErrors(404)
  ics(): string {
    return '';
  }

  @CalendarFeedToken()
  @Get('feed.ics')
  feed(): string {
    return '';
  }

  @Get('export.csv')
  @ApiCsvResponse('things', 'a,b\r\n')
  csv(): string {
    return '';
  }
}

async function documentOf(controller: new (...args: never[]) => unknown) {
  const module = await Test.createTestingModule({ controllers: [controller] }).compile();
  const app = module.createNestApplication({ logger: false });
  return SwaggerModule.createDocument(app, new DocumentBuilder().build());
}

describe('OpenAPI decorators', () => {
  it('declare each route security on the route, the controller default not leaking onto public routes', async () => {
    const doc = await documentOf(ThingsController);
    const list = doc.paths['/things'].get!;
    const create = doc.paths['/things'].post!;
    expect(list.security).toEqual([]);
    expect(Object.keys(list.responses).sort()).toEqual(['400', '403']);
    expect(create.security).toEqual([{ bearer: [] }]);
    expect(Object.keys(create.responses).sort()).toEqual(['400', '401', '403']);
    expect(doc.paths['/things/one.ics'].get!.security).toEqual([{}, { bearer: [] }]);
    expect(doc.paths['/things/feed.ics'].get!.security).toEqual([{ calendarFeedToken: [] }]);
    expect(doc.paths['/things/feed.ics'].get!.responses['401']).toBeDefined();
  });

  it('keep the guard metadata they stand for: public routes skip the AuthGuard, roles are required', () => {
    const reflector = new Reflector();
    const proto = ThingsController.prototype;
    expect(reflector.get(IS_PUBLIC, proto.list)).toBe(true);
    expect(reflector.get(IS_PUBLIC, proto.ics)).toBe(true);
    expect(reflector.get(IS_PUBLIC, proto.feed)).toBe(true);
    expect(reflector.get(IS_PUBLIC, proto.create)).toBeUndefined();
    expect(reflector.get(ROLES, ThingsController)).toEqual(['organizer']);
  });

  it('describe errors as JSON ErrorResponse and a CSV answer as text/csv', async () => {
    const doc = await documentOf(ThingsController);
    const csv = doc.paths['/things/export.csv'].get!.responses;
    expect(csv['200']).toMatchObject({ content: { 'text/csv': { schema: { type: 'string' } } } });
    expect(csv['401']).toMatchObject({
      content: { 'application/json': { schema: { $ref: '#/components/schemas/ErrorResponse' } } },
    });
    expect(doc.components?.schemas?.ErrorResponse).toMatchObject({
      required: ['statusCode', 'error', 'message'],
    });
  });
});
