import { describe, expect, it } from 'vitest';
import { affiliationKinds, attendanceRoles, attendanceStatuses, followUpStatuses, meetingSeriesKinds, meetingStatuses, organisationKinds } from './domain';
import { danishLabel, danishLabels } from './labels.da';

describe('Danish enum labels', () => {
  it('label every value of every enum, none blank', () => {
    const tables = {
      organisationKind: organisationKinds,
      affiliationKind: affiliationKinds,
      meetingSeriesKind: meetingSeriesKinds,
      meetingStatus: meetingStatuses,
      attendanceStatus: attendanceStatuses,
      attendanceRole: attendanceRoles,
      followUpStatus: followUpStatuses,
    } as const;
    for (const [table, values] of Object.entries(tables)) {
      expect(Object.keys(danishLabels[table as keyof typeof tables]).sort()).toEqual([...values].sort());
      for (const v of values) expect(danishLabel(table as keyof typeof tables, v).trim()).not.toBe('');
    }
  });

  it('show an unknown stored value as it is and null as empty', () => {
    expect(danishLabel('followUpStatus', 'aaben')).toBe('Åben');
    expect(danishLabel('followUpStatus', 'venter')).toBe('venter');
    expect(danishLabel('followUpStatus', 'toString')).toBe('toString');
    expect(danishLabel('attendanceRole', null)).toBe('');
  });
});
