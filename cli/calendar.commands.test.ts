import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { danishInstant } from '../common/time';
import { openDatabase } from '../db/connection';
import { createMeeting } from '../db/meetings/meetings.repository';
import { runCapturedCli, useTempDirs } from './cli.testing';

const workDir = useTempDirs();

const run = runCapturedCli;

const invitation = path.join(import.meta.dirname, '..', 'db', 'calendar', 'fixtures', 'outlook-invitation.ics');

describe('cli calendar files', () => {
  it('ics-import previews with --dry-run (changing nothing), imports, and a second import finds everything unchanged', async () => {
    const db = path.join(workDir(), 'kredsbog.sqlite');
    const dry = await run('ics-import', '--db', db, invitation, '--dry-run');
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain('Forhåndsvisning af import fra outlook-invitation.ics: 1 nye, 0 ændrede, 0 aflyste, 0 uændrede, 0 afviste.');
    expect(dry.stdout).toContain('Styringsdialog 2026 – KAB og Køge Kommune');
    const before = await run('stats', '--db', db, '--json');
    expect(JSON.parse(before.stdout).meetings).toBe(0);

    expect((await run('ics-import', '--db', db, invitation)).code).toBe(0);
    const again = await run('ics-import', '--db', db, invitation, '--json');
    expect(JSON.parse(again.stdout)).toMatchObject({ dryRun: false, counts: { new: 0, unchanged: 1 }, created: 0 });
  });

  it('ics writes a meeting as an .ics file, and refuses without --meeting or --series', async () => {
    const dir = workDir();
    const db = path.join(dir, 'kredsbog.sqlite');
    const app = await openDatabase(db);
    const meeting = await createMeeting(app.db, { seriesId: null, kommuneId: null, title: 'Forum', startsAt: danishInstant('2026-10-06', 10), endsAt: null, place: '', status: 'planlagt', notes: '', inviteeIds: [], agenda: [] });
    await app.close();
    const out = path.join(dir, 'forum.ics');
    const { code } = await run('ics', '--db', db, '--meeting', meeting.id, '--out', out);
    expect(code).toBe(0);
    expect(fs.readFileSync(out, 'utf8')).toContain(`UID:${meeting.id}@kredsbog.dk`);
    const missing = await run('ics', '--db', db, '--out', out);
    expect(missing).toMatchObject({ code: 1, stderr: 'Angiv enten --meeting ID eller --series ID.\n' });
    const notCalendar = path.join(dir, 'notes.ics');
    fs.writeFileSync(notCalendar, 'Hej');
    expect(await run('ics-import', '--db', db, notCalendar)).toMatchObject({ code: 1, stderr: 'Filen er ikke en kalenderfil (.ics): den begynder ikke med BEGIN:VCALENDAR.\n' });
  });
});
