/** Demo data: fictional communities across Africa and Latin America in different phases, dated relative to today. */
import { addDays } from './partnerships.rules.js';
import type { PartnershipsService } from './partnerships.service.js';

const ACTOR = 'system:demo-seed';

/** Seeds once (when no term exists yet) and links the instance's hub to one community; returns whether it wrote. */
export async function seedDemo(
  service: PartnershipsService,
  { hubId }: { hubId: string }
): Promise<boolean> {
  if (!(await service.repo.isEmpty())) return false;
  const today = service.today();
  const day = (offset: number) => addDays(today, offset);

  const communities = [
    {
      id: 'andes-genomica',
      name: 'Andes Genómica',
      country: 'Peru',
      region: 'Latin America',
      language: 'es',
      website: 'https://example.org/andes'
    },
    {
      id: 'kilimo-data',
      name: 'Kilimo Data Collective',
      country: 'Kenya',
      region: 'Africa',
      language: 'en',
      website: 'https://example.org/kilimo'
    },
    {
      id: 'selva-abierta',
      name: 'Selva Abierta',
      country: 'Colombia',
      region: 'Latin America',
      language: 'es',
      website: 'https://example.org/selva'
    },
    {
      id: 'sahel-bio',
      name: 'Sahel Bioinformatics Network',
      country: 'Senegal',
      region: 'Africa',
      language: 'en',
      website: 'https://example.org/sahel'
    },
    {
      id: 'rio-salud',
      name: 'Rio Salud Abierta',
      country: 'Brazil',
      region: 'Latin America',
      language: 'es',
      website: 'https://example.org/rio'
    }
  ];
  for (const c of communities) await service.upsertCommunity(ACTOR, c);

  // Renewed once: the current term is active, mid-way.
  const first = await service.createTerm(ACTOR, 'andes-genomica', {
    startDate: day(-465),
    phase: 'active',
    guaranteedService: day(400).slice(0, 7),
    agreementUrl: 'https://example.org/agreements/andes-1'
  });
  await service.renew(ACTOR, first.id, {
    recordedOn: day(-110),
    reason: 'second year agreed'
  });
  // Renewal due: the term ends in about a month.
  await service.createTerm(ACTOR, 'kilimo-data', {
    startDate: day(-330),
    phase: 'active',
    guaranteedService: day(200)
  });
  // Ended, with service still guaranteed for months.
  await service.createTerm(ACTOR, 'selva-abierta', {
    startDate: day(-400),
    phase: 'active',
    guaranteedService: day(120).slice(0, 7)
  });
  await service.createTerm(ACTOR, 'sahel-bio', {
    startDate: day(20),
    phase: 'onboarding'
  });
  await service.createTerm(ACTOR, 'rio-salud', {
    startDate: day(60),
    phase: 'applied'
  });

  const people = {
    lucia: {
      email: 'lucia.quispe@example.org',
      githubHandle: 'lquispe-demo',
      name: 'Lucía Quispe'
    },
    mateo: { email: 'mateo.rojas@example.org', name: 'Mateo Rojas' },
    wanjiru: {
      email: 'wanjiru.kamau@example.org',
      githubHandle: 'wkamau-demo',
      name: 'Wanjiru Kamau'
    },
    camila: { email: 'camila.duarte@example.org', name: 'Camila Duarte' },
    awa: { email: 'awa.diop@example.org', name: 'Awa Diop' }
  };
  await service.handover(ACTOR, 'andes-genomica', 'hub_champion', {
    person: people.mateo,
    startDate: day(-465)
  });
  await service.handover(ACTOR, 'andes-genomica', 'hub_champion', {
    person: people.lucia,
    startDate: day(-90),
    reason: 'Mateo moved to another lab'
  });
  await service.handover(ACTOR, 'andes-genomica', 'community_champion', {
    person: people.lucia,
    startDate: day(-465)
  });
  await service.handover(ACTOR, 'kilimo-data', 'hub_champion', {
    person: people.wanjiru,
    startDate: day(-330)
  });
  await service.handover(ACTOR, 'selva-abierta', 'community_champion', {
    person: people.camila,
    startDate: day(-400)
  });
  await service.handover(ACTOR, 'sahel-bio', 'community_champion', {
    person: people.awa,
    startDate: day(0)
  });

  const enrolments = [
    {
      person: people.lucia,
      communitySlug: 'andes-genomica',
      programme: 'hub_champion_training',
      cohort: 'hct-es-2026',
      language: 'es',
      status: 'completed'
    },
    {
      person: people.lucia,
      communitySlug: 'andes-genomica',
      programme: 'open_seeds',
      cohort: 'ols-9-catalyst',
      language: 'en',
      status: 'enrolled'
    },
    {
      person: people.wanjiru,
      communitySlug: 'kilimo-data',
      programme: 'hub_champion_training',
      cohort: 'hct-en-2026',
      language: 'en',
      status: 'enrolled'
    },
    {
      person: people.camila,
      communitySlug: 'selva-abierta',
      programme: 'train_the_trainer',
      cohort: 'ttt-2025-10',
      language: 'en',
      status: 'asked_to_repeat'
    }
  ];
  for (const e of enrolments)
    await service.enrol(ACTOR, { ...e, startedOn: day(-60) });

  // The demo hub is one of the Latin American partners, so its champions see a Spanish card.
  if (await service.repo.findHub(hubId))
    await service.linkHub(ACTOR, hubId, 'andes-genomica');
  // The seeded history is a year old: reminders whose date passed before today would wait the
  // usual hour of grace; in the demo they arrive at once, as they would have when they fell due.
  await service.repo.bringOverdueRemindersForward(new Date());
  await service.daily(ACTOR);
  return true;
}
