import { z } from 'zod';
import { aftaleGoalStatuses, aftaleStatuses } from './aftaler.domain';
import { idSchema, isoDateSchema, meetingStatuses } from './domain';
import { addDanishDays } from './time';

/**
 * The styringsdialog cycle (issue 17): per kommune × boligorganisation × year,
 * the steps of almenboligloven § 164's yearly dialogue. The dialogmøde itself
 * is a meeting (planned or held); the other steps are dated here, each with
 * who did it (a contact and/or a free text).
 *
 * Sources: almenboligloven § 164 (kommunen fører tilsyn og styringsdialog med
 * boligorganisationen; mindst ét dialogmøde om året);
 * Landsbyggefonden, "Almen styringsdialog" (lbf.dk/om-lbf/lbf-orienterer/2014/3/almen-styringsdialog/):
 * a styringsår rests on the previous regnskabsår, and the dokumentationspakke
 * (styringsrapport, afdelingsskemaer, regnskab) is made in almenstyringsdialog.dk
 * as soon as the organisation's regnskabsperiode ends;
 * Landsbyggefonden, "Brugervejledning til Almenstyringsdialog.dk for kommuner"
 * (15 September 2017): the kommune receives the pakker, marks the meeting held
 * ("Møde afholdt") and the dialogue ends in aftaler/referat.
 */
export const styringsdialogSteps = ['pakke', 'aftaler', 'referat', 'redegoerelse'] as const;
export type StyringsdialogStep = (typeof styringsdialogSteps)[number];
/** Everything that can be late: the dated steps and the meeting. */
export const styringsdialogCheckpoints = ['pakke', 'moede', 'aftaler', 'referat', 'redegoerelse'] as const;
export type StyringsdialogCheckpoint = (typeof styringsdialogCheckpoints)[number];
/** Where a pair stands: the furthest step reached, in the order of the cycle. */
export const styringsdialogStages = ['ikke_startet', 'pakke_modtaget', 'moede_planlagt', 'moede_afholdt', 'aftaler_indgaaet', 'referat_sendt', 'afsluttet'] as const;
export type StyringsdialogStage = (typeof styringsdialogStages)[number];

/**
 * THE lateness rules of the cycle, in one place (the board, the CLI and the
 * edit page all read them from here). They are the app's working rules built
 * on the sources above, not deadlines of the law itself:
 * - the dokumentationspakke is expected `pakkeDaysBeforeMeeting` days before a
 *   planned meeting; with no meeting yet, by 30 June — six months after a
 *   calendar regnskabsår ends, when the regnskab and styringsrapport are ready;
 * - the dialogmøde is held within the year (§ 164: at least once a year), and a
 *   planned meeting whose day has passed counts as late until it is marked held;
 * - aftaler and the referat/aftale are sent within `referatWeeks` weeks of the meeting;
 * - the kommune's redegørelse is published within `redegoerelseDays` days of the meeting.
 */
export const styringsdialogRules = {
  pakkeDaysBeforeMeeting: 14,
  pakkeFallback: (year: number) => `${year}-06-30`,
  meetingBy: (year: number) => `${year}-12-31`,
  referatWeeks: 4,
  redegoerelseDays: 90,
} as const;

export interface LatenessInput {
  readonly year: number;
  readonly meetingDay: string | null;
  readonly meetingStatus: string | null;
  readonly dates: Readonly<Record<StyringsdialogStep, string | null>>;
}

export interface LateCheckpoint {
  readonly checkpoint: StyringsdialogCheckpoint;
  readonly due: string;
}

/** The checkpoints of a pair that are due before `today` and not done, with their due dates. */
export function lateCheckpoints(input: LatenessInput, today: string): LateCheckpoint[] {
  const r = styringsdialogRules;
  const held = input.meetingStatus === 'afholdt';
  const late: LateCheckpoint[] = [];
  const check = (checkpoint: StyringsdialogCheckpoint, done: boolean, due: string | null) => {
    if (!done && due !== null && due < today) late.push({ checkpoint, due });
  };
  check('pakke', input.dates.pakke !== null, input.meetingDay ? addDanishDays(input.meetingDay, -r.pakkeDaysBeforeMeeting) : r.pakkeFallback(input.year));
  const meetingDue = input.meetingDay && input.meetingDay < r.meetingBy(input.year) ? input.meetingDay : r.meetingBy(input.year);
  check('moede', held, meetingDue);
  const after = held && input.meetingDay ? input.meetingDay : null;
  check('aftaler', input.dates.aftaler !== null, after && addDanishDays(after, r.referatWeeks * 7));
  check('referat', input.dates.referat !== null, after && addDanishDays(after, r.referatWeeks * 7));
  check('redegoerelse', input.dates.redegoerelse !== null, after && addDanishDays(after, r.redegoerelseDays));
  return late;
}

/** The furthest stage reached. */
export function stageOf(input: LatenessInput): StyringsdialogStage {
  const d = input.dates;
  if (d.redegoerelse) return 'afsluttet';
  if (d.referat) return 'referat_sendt';
  if (d.aftaler) return 'aftaler_indgaaet';
  if (input.meetingStatus === 'afholdt') return 'moede_afholdt';
  if (input.meetingStatus === 'planlagt') return 'moede_planlagt';
  if (d.pakke) return 'pakke_modtaget';
  return 'ikke_startet';
}

const ref = z.object({ id: idSchema, name: z.string() });

export const styringsdialogStepSchema = z.object({
  date: z.string().nullable(),
  contact: ref.nullable(),
  who: z.string(),
});
export type StyringsdialogStepValue = z.infer<typeof styringsdialogStepSchema>;

/** A pair's cycle for a year; `stored` false when nothing is recorded yet (the steps are empty). */
export const styringsdialogSchema = z.object({
  id: idSchema,
  stored: z.boolean(),
  year: z.number().int(),
  kommune: ref,
  organisation: ref,
  meeting: z
    .object({
      id: idSchema,
      title: z.string(),
      startsAt: z.string(),
      status: z.enum(meetingStatuses),
      /** Several pairs share it (a joint meeting for all organisations). */
      shared: z.boolean(),
      /** From the record, or found in the kommune's styringsdialog series (before a cycle was recorded). */
      source: z.enum(['record', 'series']),
    })
    .nullable(),
  aftale: z
    .object({
      id: idSchema,
      title: z.string(),
      status: z.enum(aftaleStatuses),
      goals: z.array(z.object({ text: z.string(), indicator: z.string(), status: z.enum(aftaleGoalStatuses) })),
    })
    .nullable(),
  steps: z.object({ pakke: styringsdialogStepSchema, aftaler: styringsdialogStepSchema, referat: styringsdialogStepSchema, redegoerelse: styringsdialogStepSchema }),
  notes: z.string(),
  stage: z.enum(styringsdialogStages),
  late: z.array(z.object({ checkpoint: z.enum(styringsdialogCheckpoints), due: z.string() })),
});
export type Styringsdialog = z.infer<typeof styringsdialogSchema>;

const yearSchema = z.number({ error: 'validation.year' }).int({ error: 'validation.year' }).min(2000, { error: 'validation.year' }).max(2100, { error: 'validation.year' });
export const styringsdialogPairSchema = z.object({ kommuneId: idSchema, organisationId: idSchema, year: yearSchema });
export type StyringsdialogPair = z.infer<typeof styringsdialogPairSchema>;

const stepInput = z.object({
  date: isoDateSchema.nullable().optional(),
  contactId: idSchema.nullable().optional(),
  who: z.string().trim().max(300, { error: 'validation.tooLong' }).optional(),
});
/** Save: the pair, and the fields that changed (a step's date, contact or who; the meeting; the aftale; notes). */
export const styringsdialogSaveInputSchema = styringsdialogPairSchema.extend({
  meetingId: idSchema.nullable().optional(),
  aftaleId: idSchema.nullable().optional(),
  pakke: stepInput.optional(),
  aftaler: stepInput.optional(),
  referat: stepInput.optional(),
  redegoerelse: stepInput.optional(),
  notes: z.string().trim().max(20000, { error: 'validation.tooLong' }).optional(),
});
export type StyringsdialogSaveInput = z.input<typeof styringsdialogSaveInputSchema>;

/** Plan the dialogmøde: one organisation, or several for a joint meeting; a date and time (default: proposed). */
export const styringsdialogPlanInputSchema = z.object({
  kommuneId: idSchema,
  organisationIds: z.array(idSchema).min(1, { error: 'validation.required' }).max(100),
  year: yearSchema,
  startsAt: z.iso.datetime({ offset: true, error: 'validation.dateTime' }).optional(),
});
export type StyringsdialogPlanInput = z.input<typeof styringsdialogPlanInputSchema>;

export const styringsdialogBoardInputSchema = z.object({
  year: yearSchema,
  /** Only the kommuner of my kredse (Settings); else `kommuneId`, else all kommuner. */
  onlyMyKredse: z.boolean().optional(),
  kommuneId: idSchema.optional(),
  kreds: z.number().int().min(1).max(11).optional(),
});
export type StyringsdialogBoardInput = z.input<typeof styringsdialogBoardInputSchema>;
export const styringsdialogBoardSchema = z.object({
  year: z.number().int(),
  today: z.string(),
  rows: z.array(styringsdialogSchema),
});
export type StyringsdialogBoard = z.infer<typeof styringsdialogBoardSchema>;
