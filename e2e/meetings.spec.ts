import { apiCall, expect, snapshot, test } from './fixtures';

const isoDay = (offsetDays: number) => new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);

test('a year of kommunesamarbejde: series, meeting, referat, follow-ups carried over and closed', async ({ page, kredsbog }) => {
  await page.goto(kredsbog.url);
  await expect(page.getByRole('heading', { name: 'Goddag' })).toBeVisible();
  for (const name of ['Anders Borgmester', 'Birthe Direktør', 'Carsten Boligchef']) await apiCall(page, 'contacts.create', { name });

  // Series in Aarhus with three standing members.
  await page.getByRole('navigation').getByRole('link', { name: 'Møderækker' }).click();
  await page.getByRole('link', { name: 'Ny møderække' }).click();
  await page.getByLabel('Navn').fill('Kommunesamarbejde Aarhus');
  await page.getByLabel('Kommune', { exact: true }).selectOption({ label: 'Aarhus' });
  // Members are found by typing (the list never holds every contact).
  for (const name of ['Anders Borgmester', 'Birthe Direktør', 'Carsten Boligchef']) {
    await page.getByRole('combobox', { name: 'Faste medlemmer' }).fill(name.split(' ')[0]!);
    await page.getByRole('option', { name: new RegExp(`^${name}`) }).click();
  }
  await page.getByLabel('Fast mødested').fill('Aarhus Rådhus, mødelokale 1');
  await page.getByLabel('Faste dagsordenspunkter').fill('Boligsocial anvisning');
  await page.getByRole('button', { name: 'Gem' }).click();
  await expect(page.getByRole('heading', { name: 'Kommunesamarbejde Aarhus' })).toBeVisible();
  await snapshot(page, '10-moederaekke');

  // Plan the first meeting with three agenda items.
  await page.getByRole('link', { name: 'Planlæg næste møde' }).click();
  await expect(page.getByLabel('Titel')).toHaveValue('Kommunesamarbejde Aarhus');
  await expect(page.locator('.chip')).toHaveCount(3);
  for (const title of ['Forebyggelse af udsættelser', 'Eventuelt']) {
    await page.getByLabel('Nyt dagsordenspunkt …').fill(title);
    await page.getByLabel('Nyt dagsordenspunkt …').press('Enter');
  }
  await snapshot(page, '11-nyt-moede');
  await page.getByRole('button', { name: 'Gem' }).click();
  await expect(page.locator('.agenda-item')).toHaveCount(4);
  await expect(page.locator('.agenda-item__title')).toHaveText(['Opfølgning fra sidste møde', 'Boligsocial anvisning', 'Forebyggelse af udsættelser', 'Eventuelt']);
  // Reorder by keyboard: Eventuelt up one place and back.
  await page.locator('.agenda-item__title', { hasText: 'Eventuelt' }).focus();
  await page.keyboard.press('Alt+ArrowUp');
  await expect(page.locator('.agenda-item__title').nth(2)).toHaveText('Eventuelt');
  await page.getByRole('button', { name: 'Flyt ned: Eventuelt' }).click();
  await expect(page.locator('.agenda-item__title').nth(3)).toHaveText('Eventuelt');
  await snapshot(page, '12-moede');

  // Referat: minutes, a decision and two follow-ups from the keyboard.
  await page.getByRole('link', { name: 'Tag referat' }).click();
  await page.getByRole('button', { name: /Boligsocial anvisning/ }).click();
  await page.getByLabel('Referat', { exact: true }).fill('Kommunen orienterede om ventelisten; 40 familier venter.');
  await page.getByLabel('Beslutning').fill('Boligorganisationerne melder ledige boliger ind hver 14. dag.');
  await page.getByLabel('Nyt opfølgningspunkt').fill('Send opgørelse over ledige boliger');
  await page.getByRole('combobox', { name: 'Ansvarlig' }).fill('birthe');
  await page.getByRole('option', { name: /^Birthe Direktør/ }).click();
  await expect(page.getByRole('combobox', { name: 'Ansvarlig' })).toHaveValue('Birthe Direktør');
  await page.getByLabel('Frist').fill(isoDay(3));
  // Enter adds from any field of the form, the due date too.
  await page.getByLabel('Frist').press('Enter');
  await expect(page.getByRole('cell', { name: 'Send opgørelse over ledige boliger' })).toBeVisible();
  // The second one is only typed: "Afslut møde" adds it rather than dropping it.
  await page.getByLabel('Nyt opfølgningspunkt').fill('Indkald til temamøde om anvisning');
  await page.getByRole('combobox', { name: 'Ansvarlig' }).click();
  await page.getByRole('option', { name: 'Mig selv' }).click();
  await page.getByLabel('Frist').fill(isoDay(-2));
  await expect(page.getByRole('status').filter({ hasText: 'Gemt' })).toBeVisible();
  await snapshot(page, '13-referat');
  // The planned meeting lies in the future: closing it asks first.
  await page.getByRole('button', { name: 'Afslut møde' }).click();
  const question = page.getByRole('group', { name: 'Afslut et møde, der ikke er begyndt' });
  await expect(question).toContainText('Opfølgningspunktet, der står i formularen, bliver tilføjet.');
  await question.getByRole('button', { name: 'Afslut alligevel' }).click();
  await expect(page.getByText('Mødet er afsluttet og markeret som afholdt. Opfølgningspunktet fra formularen er tilføjet.')).toBeVisible();
  await expect(page.getByRole('cell', { name: 'Indkald til temamøde om anvisning' })).toBeVisible();

  // The next meeting carries both follow-ups; one is closed there.
  await page.getByRole('link', { name: 'Til mødet' }).click();
  await page.getByRole('link', { name: 'Kommunesamarbejde Aarhus' }).last().click();
  await page.getByRole('link', { name: 'Planlæg næste møde' }).click();
  await page.getByRole('button', { name: 'Gem' }).click();
  const carried = page.locator('.card', { hasText: 'Opfølgning fra sidste møde' }).last();
  await expect(carried.getByRole('cell', { name: 'Send opgørelse over ledige boliger' })).toBeVisible();
  await expect(carried.getByRole('cell', { name: 'Indkald til temamøde om anvisning' })).toBeVisible();
  await carried.getByLabel('Status: Indkald til temamøde om anvisning').selectOption({ label: 'Udført' });
  await expect(carried.getByLabel('Status: Indkald til temamøde om anvisning')).toHaveValue('udfoert');
  await snapshot(page, '14-naeste-moede');

  await page.getByRole('navigation').getByRole('link', { name: 'Opfølgning' }).click();
  await expect(page.getByRole('cell', { name: 'Send opgørelse over ledige boliger', exact: true })).toBeVisible();
  await expect(page.getByRole('cell', { name: 'Indkald til temamøde om anvisning', exact: true })).toHaveCount(0);
  await snapshot(page, '15-opfoelgning');

  // Overblik tells the truth: one follow-up due within 7 days, none overdue (the overdue one was closed).
  await page.getByRole('navigation').getByRole('link', { name: 'Overblik' }).click();
  await expect(page.getByTestId('due-soon-count')).toHaveText('1');
  await expect(page.getByTestId('overdue-count')).toHaveText('0');
  await snapshot(page, '16-overblik');
  await apiCall(page, 'followUps.create', { title: 'Glemt frist', ownerIsMe: true, dueDate: isoDay(-10) });
  await page.reload();
  await expect(page.getByTestId('overdue-count')).toHaveText('1');
  await page.getByRole('button', { name: 'Opfølgninger' }).click();
  // Aarhus has one open follow-up that is not overdue.
  await expect(page.locator('path[aria-label^="Aarhus:"]')).toHaveClass(/map-k--open/);
  await expect(page.locator('path[aria-label^="Aarhus:"]')).toHaveAttribute('aria-label', /1 åbne, 0 forfaldne/);
  await page.getByRole('link', { name: /^Aarhus: seneste møde/ }).click();
  await expect(page.getByRole('heading', { name: 'Aarhus Kommune' })).toBeVisible();
});

test('text typed in referat mode survives a reload mid-typing', async ({ page, kredsbog }) => {
  await page.goto(kredsbog.url);
  await expect(page.getByRole('heading', { name: 'Goddag' })).toBeVisible();
  const meeting = await apiCall<{ id: string }>(page, 'meetings.create', { title: 'Styringsdialog', startsAt: '2026-11-24T09:00:00Z', agenda: [{ title: 'Styringsrapporten' }] });
  await page.goto(`${kredsbog.url}#/moeder/${meeting.id}/referat`);
  const minutes = page.getByLabel('Referat', { exact: true });
  await minutes.pressSequentially('Organisationen har nået målet for energirenovering', { delay: 5 });
  await page.reload();
  await expect(page.getByLabel('Referat', { exact: true })).toHaveValue('Organisationen har nået målet for energirenovering');
  await expect(page.getByRole('status').filter({ hasText: 'Gemt' })).toBeVisible();
  const stored = await apiCall<{ agenda: { minutes: string }[] }>(page, 'meetings.get', { id: meeting.id });
  expect(stored.agenda[0]?.minutes).toBe('Organisationen har nået målet for energirenovering');
});

test('the calendar shows meetings by month and week, and plans a new one on a clicked day', async ({ page, kredsbog }) => {
  await page.goto(kredsbog.url);
  await expect(page.getByRole('heading', { name: 'Goddag' })).toBeVisible();
  // Today's date in Denmark (after 23:00 UTC it is already tomorrow there); 13:00 UTC on it is that day in Denmark too.
  const day = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Copenhagen' }).format(new Date());
  await apiCall(page, 'meetings.create', { title: 'Valgmøde i Køge', startsAt: new Date(`${day}T13:00:00Z`).toISOString() });
  await page.getByRole('navigation').getByRole('link', { name: 'Kalender' }).click();
  await page.getByRole('button', { name: 'I dag' }).click();
  await page.getByRole('button', { name: 'Uge', exact: true }).click();
  await expect(page.getByRole('link', { name: /Valgmøde i Køge/ })).toBeVisible();
  await page.getByRole('button', { name: 'Måned' }).click();
  await snapshot(page, '17-kalender');
  await page.getByRole('link', { name: /Valgmøde i Køge/ }).first().click();
  await expect(page.getByRole('heading', { name: 'Valgmøde i Køge' })).toBeVisible();
  await page.goBack();
  await page.getByRole('button', { name: /^Nyt møde den/ }).nth(10).click();
  await expect(page.getByRole('heading', { name: 'Nyt møde' })).toBeVisible();
  await expect(page.getByLabel('Dato')).toHaveValue(/^\d{2}\.\d{2}\.\d{4}$/);
});
