import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { I18nextProvider } from 'react-i18next';
import { describe, expect, it } from 'vitest';
import { createI18n } from '../i18n/i18n';
import { DateField, TimeField } from './date-time-fields.component';
import { formatDanishDateInput, parseDanishDate, parseDanishTime } from './date-time-fields';
import { FileChoice } from './file-choice.component';

describe('Danish date and time parsing', () => {
  it('reads dd.mm.åååå, d.m.åå, other separators and ISO; refuses impossible dates', () => {
    expect(parseDanishDate('24.12.2026')).toBe('2026-12-24');
    expect(parseDanishDate('1.3.26')).toBe('2026-03-01');
    expect(parseDanishDate(' 01-03-2026 ')).toBe('2026-03-01');
    expect(parseDanishDate('1/3 2026')).toBe('2026-03-01');
    expect(parseDanishDate('2026-03-01')).toBe('2026-03-01');
    expect(parseDanishDate('29.02.2028')).toBe('2028-02-29');
    for (const bad of ['29.02.2027', '31.04.2026', '03/08/2023x', '13.13.2026', '24.12', '', 'i morgen', '2026-3-1']) expect(parseDanishDate(bad)).toBeNull();
    expect(formatDanishDateInput('2026-03-01')).toBe('01.03.2026');
    expect(formatDanishDateInput('1.3.2')).toBe('1.3.2');
  });

  it('reads 24-hour times as HH:MM', () => {
    expect(parseDanishTime('14:30')).toBe('14:30');
    expect(parseDanishTime('9.05')).toBe('09:05');
    expect(parseDanishTime('1000')).toBe('10:00');
    expect(parseDanishTime('905')).toBe('09:05');
    expect(parseDanishTime('8')).toBe('08:00');
    expect(parseDanishTime('kl. 13.15')).toBe('13:15');
    for (const bad of ['24:00', '10:60', '10 AM', '10:00 PM', '', '1:5']) expect(parseDanishTime(bad)).toBeNull();
  });
});

function Harness() {
  const [date, setDate] = useState('2026-03-10');
  const [time, setTime] = useState('10:00');
  return (
    <I18nextProvider i18n={createI18n('da')}>
      <DateField aria-label="Dato" value={date} onChange={setDate} />
      <TimeField aria-label="Start" value={time} onChange={setTime} />
      <output data-testid="values">{`${date}|${time}`}</output>
    </I18nextProvider>
  );
}

describe('DateField and TimeField', () => {
  it('show Danish text, report ISO values, flag what is not a date and move a day with the arrow keys', async () => {
    const user = userEvent.setup();
    render(<Harness />);
    const date = screen.getByLabelText('Dato');
    const time = screen.getByLabelText('Start');
    expect(date).toHaveValue('10.03.2026');
    expect(date).toHaveAttribute('type', 'text');
    expect(date).toHaveAttribute('placeholder', 'dd.mm.åååå');
    expect(time).toHaveValue('10:00');
    await user.clear(date);
    await user.type(date, '1.4.26');
    expect(date).toHaveValue('1.4.26');
    expect(screen.getByTestId('values')).toHaveTextContent('2026-04-01|10:00');
    await user.tab();
    expect(date).toHaveValue('01.04.2026');
    await user.click(date);
    await user.keyboard('{ArrowUp}');
    expect(date).toHaveValue('02.04.2026');
    expect(screen.getByTestId('values')).toHaveTextContent('2026-04-02|');
    await user.clear(date);
    await user.type(date, '31.04.2026');
    expect(date).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByTestId('values')).toHaveTextContent('31.04.2026|');
    await user.clear(time);
    await user.type(time, '1430');
    await user.tab();
    expect(time).toHaveValue('14:30');
    expect(screen.getByTestId('values')).toHaveTextContent('|14:30');
  });
});

describe('FileChoice', () => {
  it('is a Danish button; the hidden input keeps the label and hands over the file', async () => {
    const user = userEvent.setup();
    const chosen: string[] = [];
    render(
      <I18nextProvider i18n={createI18n('da')}>
        <FileChoice label="Vælg fil" accept=".csv" onChoose={(file) => chosen.push(file.name)} />
      </I18nextProvider>,
    );
    expect(screen.getByRole('button', { name: 'Vælg fil' })).toBeInTheDocument();
    expect(screen.getByText('Ingen fil valgt')).toBeInTheDocument();
    await user.upload(screen.getByLabelText('Vælg fil'), new File(['a;b'], 'liste.csv', { type: 'text/csv' }));
    expect(chosen).toEqual(['liste.csv']);
    expect(screen.getByText('liste.csv')).toBeInTheDocument();
  });
});
