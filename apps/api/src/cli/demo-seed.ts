/**
 * Loads the demo: the 2024 webinar series for participants of internal primaries (DOMAIN.md), with
 * its 4 modules and speakers and sessions aimed at two regions a day (Pavlodar and Kostanay first),
 * plus the Karaganda regional forum with 4 parallel sections. Everything goes through the domain
 * services, so the demo obeys the same rules as the API. Idempotent: a second run only prints the
 * sign-ins. Writes them to .data/demo-credentials.json for `npm start` to show.
 */
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { mkdirSync, writeFileSync } from 'fs';
import { DateTime } from 'luxon';
import { dirname, resolve } from 'path';
import { DataSource } from 'typeorm';
import { apiSchema, loadConfigOrExit } from '@qatys/config';
import {
  Actor,
  IdentityService,
  Organization,
  ProgramModulesService,
  ProgramsService,
  Region,
  ProgramEnrollmentsService,
  RegistrationsService,
  RostersService,
  SectionsService,
  SessionsService,
  SpeakersService,
  User,
} from '@qatys/domain';
import { ApiModule } from '../api.module';

const PASSWORD = 'qatys-demo-2024';
const DOMAIN = 'qatys.demo';
const ORG = 'Academy of Political Management (demo)';

interface Credentials {
  organizer: { email: string; password: string };
  attendee: { email: string; password: string };
  others: { role: string; email: string; password: string }[];
}

const creds = (email: string) => ({ email, password: PASSWORD });

async function main(): Promise<void> {
  const config = loadConfigOrExit('demo-seed', apiSchema);
  const app = await NestFactory.createApplicationContext(ApiModule.forRoot(config), {
    logger: ['error', 'warn'],
  });
  try {
    const credentials = await seed(app.get(DataSource), {
      identity: app.get(IdentityService),
      programs: app.get(ProgramsService),
      modules: app.get(ProgramModulesService),
      sessions: app.get(SessionsService),
      sections: app.get(SectionsService),
      speakers: app.get(SpeakersService),
      registrations: app.get(RegistrationsService),
      enrollments: app.get(ProgramEnrollmentsService),
      rosters: app.get(RostersService),
    });
    const file = resolve(process.env.DEMO_CREDENTIALS_FILE ?? '.data/demo-credentials.json');
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, JSON.stringify(credentials, null, 2), { mode: 0o600 });
    process.stdout.write(
      `demo ready: organizer ${credentials.organizer.email} / attendee ${credentials.attendee.email} (password ${PASSWORD})\n`,
    );
  } finally {
    await app.close();
  }
}

interface Services {
  identity: IdentityService;
  programs: ProgramsService;
  modules: ProgramModulesService;
  sessions: SessionsService;
  sections: SectionsService;
  speakers: SpeakersService;
  registrations: RegistrationsService;
  enrollments: ProgramEnrollmentsService;
  rosters: RostersService;
}

async function seed(ds: DataSource, s: Services): Promise<Credentials> {
  const credentials: Credentials = {
    organizer: creds(`organizer@${DOMAIN}`),
    attendee: creds(`aigerim@${DOMAIN}`),
    others: [
      { role: 'admin', ...creds(`admin@${DOMAIN}`) },
      { role: 'coordinator (Pavlodar)', ...creds(`coordinator.pavlodar@${DOMAIN}`) },
      { role: 'moderator', ...creds(`moderator@${DOMAIN}`) },
      { role: 'attendee (Kostanay, ru)', ...creds(`dmitry@${DOMAIN}`) },
    ],
  };
  if (await ds.getRepository(User).existsBy({ email: credentials.organizer.email })) return credentials;

  const region = async (code: string) => ds.getRepository(Region).findOneByOrFail({ code });
  const [pavlodar, kostanay, karaganda, northKz, astana] = await Promise.all(
    ['KZ-55', 'KZ-39', 'KZ-35', 'KZ-59', 'KZ-71'].map(region),
  );
  const org = await ds.getRepository(Organization).save({ name: ORG });

  const user = (
    email: string,
    displayName: string,
    extra: Partial<Parameters<IdentityService['createUser']>[0]>,
  ) => s.identity.createUser({ email, password: PASSWORD, displayName, organizationId: org.id, ...extra });
  const organizerUser = await user(credentials.organizer.email, 'Гүлнар Сейітова', {
    roles: ['organizer'],
    language: 'kk',
    homeRegionId: astana.id,
  });
  await user(`admin@${DOMAIN}`, 'Admin', { roles: ['admin', 'organizer'], language: 'en' });
  await user(`coordinator.pavlodar@${DOMAIN}`, 'Ержан Қасымов', {
    roles: ['coordinator'],
    coordinatorRegionIds: [pavlodar.id],
    homeRegionId: pavlodar.id,
    language: 'kk',
  });
  await user(`moderator@${DOMAIN}`, 'Марина Ким', { roles: ['moderator'], language: 'ru' });
  const aigerim = await user(credentials.attendee.email, 'Әйгерім Нұрланқызы', {
    homeRegionId: pavlodar.id,
    language: 'kk',
    timeZone: 'Asia/Almaty',
    organizationId: null,
  });
  const dmitry = await user(`dmitry@${DOMAIN}`, 'Дмитрий Павлов', {
    homeRegionId: kostanay.id,
    language: 'ru',
    timeZone: 'Asia/Qostanay',
    organizationId: null,
  });

  const organizer: Actor = {
    userId: organizerUser.id,
    roles: ['organizer'],
    coordinatorRegionIds: [],
    timeZone: 'Asia/Almaty',
    language: 'kk',
  };

  const speakerSeeds = [
    {
      fullName: 'Асхат Оралов',
      affiliation: 'Academy of Political Management',
      en: 'Political scientist; internal primaries and party procedure',
      ru: 'Политолог; внутрипартийные праймериз и процедуры',
      kk: 'Саясаттанушы; партияішілік праймериз және рәсімдер',
    },
    {
      fullName: 'Анна Ли',
      affiliation: 'Invited expert',
      en: 'International practice of primaries; role of a deputy',
      ru: 'Международная практика праймериз; роль депутата',
      kk: 'Праймеризтің халықаралық тәжірибесі; депутаттың рөлі',
    },
    {
      fullName: 'Бауыржан Тоқтаров',
      affiliation: 'Journalist',
      en: 'Journalist; the image and conduct of a deputy',
      ru: 'Журналист; имидж и поведение депутата',
      kk: 'Журналист; депутаттың имиджі мен мінез-құлқы',
    },
    {
      fullName: 'Сәуле Әбенова',
      affiliation: 'Psychologist',
      en: 'Psychologist; public speaking',
      ru: 'Психолог; ораторское искусство',
      kk: 'Психолог; шешендік өнер',
    },
    {
      fullName: 'Ерлан Жақыпов',
      affiliation: 'Trainer pool',
      en: 'Trainer; political communication',
      ru: 'Тренер; политическая коммуникация',
      kk: 'Жаттықтырушы; саяси коммуникация',
    },
  ];
  const speakers = [];
  for (const sp of speakerSeeds) {
    speakers.push(
      await s.speakers.create(organizer, {
        fullName: sp.fullName,
        affiliation: sp.affiliation,
        bio: { kk: sp.kk, ru: sp.ru, en: sp.en },
      }),
    );
  }

  // --- The webinar series: 4 modules, a 4-hour interactive session a day for two regions.
  const { program } = await s.programs.create(organizer, {
    title: {
      kk: 'Ішкі праймериз қатысушыларына арналған вебинарлар сериясы',
      ru: 'Серия вебинаров для участников внутрипартийных праймериз',
      en: 'Webinar series for participants of internal primaries',
    },
    description: {
      kk: '17 өңірден 3500 қатысушыға арналған тегін интерактивті вебинарлар.',
      ru: 'Бесплатные интерактивные вебинары для 3 500 участников из 17 регионов.',
      en: 'Free interactive webinars for 3,500 participants from 17 regions.',
    },
    defaultTimeZone: 'Asia/Almaty',
    defaultLanguage: 'kk',
    reminderOffsetsMinutes: [1440, 60, 10],
  });
  const moduleTitles = [
    {
      kk: 'Ішкі іріктеу (праймериз) қалай өтеді',
      ru: 'Как проходит внутренний отбор (праймериз)',
      en: 'How internal selection (primaries) works',
    },
    {
      kk: 'Праймеризтің халықаралық тәжірибесі, депутаттың рөлі',
      ru: 'Международная практика праймериз, роль депутата',
      en: 'International practice of primaries; the deputy’s role',
    },
    {
      kk: 'Депутаттың имиджі және мінез-құлқы',
      ru: 'Имидж и поведение депутата',
      en: 'The deputy’s image and behaviour',
    },
    { kk: 'Саяси шешендік өнер', ru: 'Политическое ораторское искусство', en: 'Political oratory' },
  ];
  const modules = [];
  for (const title of moduleTitles) modules.push(await s.modules.addModule(organizer, program.id, { title }));

  const days: [Region, Region][] = [
    [pavlodar, kostanay],
    [karaganda, northKz],
    [pavlodar, kostanay],
    [karaganda, northKz],
  ];
  const firstDay = DateTime.now().setZone('Asia/Almaty').plus({ days: 1 }).startOf('day');
  const sessionIds: string[] = [];
  for (let i = 0; i < days.length; i++) {
    const [a, b] = days[i];
    const day = firstDay.plus({ days: i * 2 });
    const session = await s.sessions.create(organizer, {
      programId: program.id,
      moduleId: modules[i].id,
      title: {
        kk: `${i + 1}-модуль: ${moduleTitles[i].kk}`,
        ru: `Модуль ${i + 1}: ${moduleTitles[i].ru}`,
        en: `Module ${i + 1}: ${moduleTitles[i].en}`,
      },
      description: {
        kk: 'Топтық тапсырмалары бар интерактивті вебинар.',
        ru: 'Интерактивный вебинар с групповыми заданиями.',
        en: 'Interactive webinar with group tasks.',
      },
      start: day.set({ hour: 10 }).toFormat("yyyy-MM-dd'T'HH:mm"),
      durationMinutes: 240,
      timeZone: 'Asia/Almaty',
      format: 'online',
      joinUrl: `https://meet.example.kz/qatys-webinar-${i + 1}`,
      capacity: 250,
      targetRegionIds: [a.id, b.id],
      speakerIds: [speakers[i].id, speakers[4].id].filter((v, k, all) => all.indexOf(v) === k),
      overrideSpeakerConflicts: false,
    });
    sessionIds.push(session.id);
  }
  await s.rosters.replace(organizer, { type: 'program', id: program.id }, [
    { regionId: pavlodar.id, expected: 210 },
    { regionId: kostanay.id, expected: 180 },
    { regionId: karaganda.id, expected: 240 },
    { regionId: northKz.id, expected: 150 },
  ]);
  await s.rosters.replace(organizer, { type: 'session', id: sessionIds[0] }, [
    { regionId: pavlodar.id, expected: 210 },
    { regionId: kostanay.id, expected: 180 },
  ]);
  await s.programs.setStatus(organizer, program.id, 'published');

  const asAttendee = (u: User): Actor => ({
    userId: u.id,
    roles: ['attendee'],
    coordinatorRegionIds: [],
    timeZone: u.timeZone,
    language: u.language,
  });
  await s.enrollments.enrollInProgram(asAttendee(aigerim), program.id, {});
  await s.registrations.register(asAttendee(dmitry), sessionIds[0], {});

  // --- The Karaganda regional forum: one day, 4 parallel sections with their own leads.
  const { program: forum } = await s.programs.create(organizer, {
    title: {
      kk: 'Бастауыш ұйымдардың өңірлік форумы',
      ru: 'Региональный форум первичных организаций',
      en: 'Regional forum of primary organizations',
    },
    defaultTimeZone: 'Asia/Almaty',
    defaultLanguage: 'ru',
  });
  const forumDay = firstDay.plus({ days: 10 });
  const forumSession = await s.sessions.create(organizer, {
    programId: forum.id,
    title: { kk: 'Форум, Қарағанды', ru: 'Форум, Караганда', en: 'Forum, Karaganda' },
    start: forumDay.set({ hour: 9 }).toFormat("yyyy-MM-dd'T'HH:mm"),
    durationMinutes: 480,
    timeZone: 'Asia/Almaty',
    format: 'hybrid',
    venue: 'Karaganda, Palace of Culture of Miners',
    joinUrl: 'https://meet.example.kz/qatys-forum',
    capacity: 400,
    targetRegionIds: [karaganda.id, astana.id, pavlodar.id],
  });
  const sectionTitles = [
    {
      kk: 'Бастауыш ұйымның цифрлық жұмысы',
      ru: 'Цифровая работа первичной организации',
      en: 'Digital work of a primary organization',
    },
    { kk: 'Жастар саясаты', ru: 'Молодёжная политика', en: 'Youth policy' },
    { kk: 'Әйелдер көшбасшылығы', ru: 'Женское лидерство', en: 'Women’s leadership' },
    { kk: 'Саяси коммуникация', ru: 'Политическая коммуникация', en: 'Political communication' },
  ];
  for (let i = 0; i < sectionTitles.length; i++) {
    await s.sections.create(organizer, forumSession.id, {
      title: sectionTitles[i],
      leadSpeakerId: speakers[i % speakers.length].id,
      capacity: 100,
      position: i + 1,
    });
  }
  await s.programs.setStatus(organizer, forum.id, 'published');
  return credentials;
}

main().catch((e) => {
  process.stderr.write(`demo seed failed: ${(e as Error).stack ?? e}\n`);
  process.exit(1);
});
