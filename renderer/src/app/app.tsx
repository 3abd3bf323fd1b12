import { Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Route, Switch, useLocation } from 'wouter';
import { CommandPalette } from '../components/command-palette.component';
import { lazyComponent } from '../lazy';
import { NotYetPage } from '../pages/not-yet.page';
import { RecoveryNotice } from '../pages/backups/recovery-notice.component';
import { OverviewPage } from '../pages/overview/overview.page';
import { AppShellHost } from './about.dialog';
import { FirstRunDialog } from './first-run.dialog';

/**
 * Every page but Overblik loads on first visit (its own chunk), so the window
 * paints the overview without parsing the whole app.
 */
const page = lazyComponent;
const CalendarPage = page(() => import('../pages/calendar/calendar.page').then((m) => m.CalendarPage));
const ContactPage = page(() => import('../pages/contacts/contact.page').then((m) => m.ContactPage));
const ContactFormPage = page(() => import('../pages/contacts/contact-form.page').then((m) => m.ContactFormPage));
const ContactsPage = page(() => import('../pages/contacts/contacts.page').then((m) => m.ContactsPage));
const KommunePage = page(() => import('../pages/kommuner/kommune.page').then((m) => m.KommunePage));
const KommunerPage = page(() => import('../pages/kommuner/kommuner.page').then((m) => m.KommunerPage));
const FollowUpsPage = page(() => import('../pages/follow-ups/follow-ups.page').then((m) => m.FollowUpsPage));
const MeetingFormPage = page(() => import('../pages/meetings/meeting-form.page').then((m) => m.MeetingFormPage));
const MeetingPage = page(() => import('../pages/meetings/meeting.page').then((m) => m.MeetingPage));
const MeetingsPage = page(() => import('../pages/meetings/meetings.page').then((m) => m.MeetingsPage));
const ReferatPage = page(() => import('../pages/meetings/referat.page').then((m) => m.ReferatPage));
const OrganisationPage = page(() => import('../pages/organisations/organisation.page').then((m) => m.OrganisationPage));
const OrganisationFormPage = page(() => import('../pages/organisations/organisation-form.page').then((m) => m.OrganisationFormPage));
const OrganisationsPage = page(() => import('../pages/organisations/organisations.page').then((m) => m.OrganisationsPage));
const SeriesFormPage = page(() => import('../pages/series/series-form.page').then((m) => m.SeriesFormPage));
const SeriesListPage = page(() => import('../pages/series/series-list.page').then((m) => m.SeriesListPage));
const SeriesPage = page(() => import('../pages/series/series.page').then((m) => m.SeriesPage));
const SettingsPage = page(() => import('../pages/settings/settings.page').then((m) => m.SettingsPage));
const ContactsImportPage = page(() => import('../pages/contact-files/contacts-import.page').then((m) => m.ContactsImportPage));
const IcsImportPage = page(() => import('../pages/calendar-files/ics-import.page').then((m) => m.IcsImportPage));
const DuplicatesPage = page(() => import('../pages/duplicates/duplicates.page').then((m) => m.DuplicatesPage));
const SyncPage = page(() => import('../pages/sync/sync.page').then((m) => m.SyncPage));
const BackupsPage = page(() => import('../pages/backups/backups.page').then((m) => m.BackupsPage));
const AftalerPage = page(() => import('../pages/aftaler/aftaler.page').then((m) => m.AftalerPage));
const AftalePage = page(() => import('../pages/aftaler/aftale.page').then((m) => m.AftalePage));
const AftaleNewPage = page(() => import('../pages/aftaler/aftale.page').then((m) => m.AftaleNewPage));
const BoligomraaderPage = page(() => import('../pages/boligomraader/boligomraader.page').then((m) => m.BoligomraaderPage));
const BoligomraadePage = page(() => import('../pages/boligomraader/boligomraade.page').then((m) => m.BoligomraadePage));
const ListImportPage = page(() => import('../pages/boligomraader/list-import.page').then((m) => m.ListImportPage));
const StyringsdialogBoardPage = page(() => import('../pages/overview/styringsdialog-board.page').then((m) => m.StyringsdialogBoardPage));
const StyringsdialogPage = page(() => import('../pages/styringsdialog/styringsdialog.page').then((m) => m.StyringsdialogPage));
const HelhedsplanerPage = page(() => import('../pages/helhedsplaner/helhedsplaner.page').then((m) => m.HelhedsplanerPage));
const HelhedsplanPage = page(() => import('../pages/helhedsplaner/helhedsplan.page').then((m) => m.HelhedsplanPage));
const HelhedsplanNewPage = page(() => import('../pages/helhedsplaner/helhedsplan.page').then((m) => m.HelhedsplanNewPage));
const IndsatsomraaderPage = page(() => import('../pages/helhedsplaner/indsatsomraader.page').then((m) => m.IndsatsomraaderPage));

const navItems = [
  { href: '/', key: 'nav.overview', icon: '◎' },
  { href: '/kommuner', key: 'nav.kommuner', icon: '⌂' },
  { href: '/organisationer', key: 'nav.organisations', icon: '▦' },
  { href: '/kontakter', key: 'nav.contacts', icon: '☺' },
  { href: '/moeder', key: 'nav.meetings', icon: '◷' },
  { href: '/moederaekker', key: 'nav.series', icon: '↻' },
  { href: '/kalender', key: 'nav.calendar', icon: '▤' },
  { href: '/opfoelgning', key: 'nav.followUps', icon: '✓' },
  { href: '/aftaler', key: 'nav.aftaler', icon: '§' },
  { href: '/boligomraader', key: 'nav.boligomraader', icon: '▥' },
  { href: '/helhedsplaner', key: 'nav.helhedsplaner', icon: '⌘' },
  { href: '/dubletter', key: 'nav.duplicates', icon: '≈' },
  { href: '/synkronisering', key: 'nav.sync', icon: '⇄' },
  { href: '/sikkerhedskopier', key: 'nav.backups', icon: '⛁' },
  { href: '/indstillinger', key: 'nav.settings', icon: '⚙' },
] as const;

export function App() {
  const { t } = useTranslation();
  const [location] = useLocation();
  // Møderækker, Kalender and Mulige dubletter have their own places; '/moeder' never marks '/moederaekker' (prefix plus '/').
  const isActive = (href: string) => (href === '/' ? location === '/' : location === href || location.startsWith(`${href}/`));
  return (
    <div className="frame">
      {/* The first Tab stop: past the twelve sidebar places to the page. A button, not href="#…": the hash is the route. */}
      <button type="button" className="skip-link" onClick={() => document.getElementById('indhold')?.focus()}>
        {t('keyboard.skipToContent')}
      </button>
      <AppShellHost />
      <FirstRunDialog />
      <nav className="sidebar" aria-label={t('app.name')}>
        <div className="brand">
          <span className="brand__name">{t('app.name')}</span>
          <span className="brand__tagline">{t('app.tagline')}</span>
        </div>
        <CommandPalette />
        <ul>
          {navItems.map((item) => (
            <li key={item.href}>
              <Link href={item.href} className={isActive(item.href) ? 'nav-link nav-link--active' : 'nav-link'} aria-current={isActive(item.href) ? 'page' : undefined}>
                <span className="nav-link__icon" aria-hidden="true">
                  {item.icon}
                </span>
                {t(item.key)}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <main className="content" id="indhold" tabIndex={-1}>
        <RecoveryNotice />
        <Suspense fallback={<p className="loading">{t('common.loading')}</p>}>
        <Switch>
          <Route path="/" component={OverviewPage} />
          <Route path="/styringsdialog" component={StyringsdialogBoardPage} />
          <Route path="/styringsdialog/:kommuneId/:organisationId/:year">{(params) => <StyringsdialogPage kommuneId={params.kommuneId} organisationId={params.organisationId} year={params.year} />}</Route>
          <Route path="/kommuner" component={KommunerPage} />
          <Route path="/kommuner/:id">{(params) => <KommunePage id={params.id} />}</Route>
          <Route path="/organisationer" component={OrganisationsPage} />
          <Route path="/organisationer/ny/:kommuneId?">{(params) => <OrganisationFormPage kommuneId={params.kommuneId} />}</Route>
          <Route path="/organisationer/:id">{(params) => <OrganisationPage id={params.id} />}</Route>
          <Route path="/kontakter" component={ContactsPage} />
          <Route path="/kontakter/ny" component={() => <ContactFormPage />} />
          <Route path="/kontakter/import" component={ContactsImportPage} />
          <Route path="/kontakter/:id">{(params) => <ContactPage id={params.id} />}</Route>
          <Route path="/moeder" component={MeetingsPage} />
          <Route path="/moeder/ny" component={() => <MeetingFormPage />} />
          <Route path="/moeder/ny/dato/:date">{(params) => <MeetingFormPage key={params.date} date={params.date} />}</Route>
          <Route path="/kalender" component={CalendarPage} />
          <Route path="/kalender/importer" component={IcsImportPage} />
          <Route path="/moeder/ny/kommune/:kommuneId/:contactId?">{(params) => <MeetingFormPage key={`${params.kommuneId}-${params.contactId ?? ''}`} kommuneId={params.kommuneId} inviteeId={params.contactId} />}</Route>
          <Route path="/moeder/ny/serie/:seriesId">{(params) => <MeetingFormPage key={params.seriesId} seriesId={params.seriesId} />}</Route>
          <Route path="/moeder/:id/referat">{(params) => <ReferatPage key={params.id} id={params.id} />}</Route>
          <Route path="/moeder/:id">{(params) => <MeetingPage id={params.id} />}</Route>
          <Route path="/moederaekker" component={SeriesListPage} />
          <Route path="/moederaekker/ny" component={SeriesFormPage} />
          <Route path="/moederaekker/:id">{(params) => <SeriesPage id={params.id} />}</Route>
          <Route path="/opfoelgning" component={FollowUpsPage} />
          <Route path="/aftaler" component={AftalerPage} />
          <Route path="/aftaler/ny/:kommuneId?">{(params) => <AftaleNewPage kommuneId={params.kommuneId} />}</Route>
          <Route path="/aftaler/:id">{(params) => <AftalePage id={params.id} />}</Route>
          <Route path="/boligomraader" component={BoligomraaderPage} />
          <Route path="/boligomraader/import" component={ListImportPage} />
          <Route path="/boligomraader/:id">{(params) => <BoligomraadePage id={params.id} />}</Route>
          <Route path="/helhedsplaner" component={HelhedsplanerPage} />
          <Route path="/helhedsplaner/indsatsomraader" component={IndsatsomraaderPage} />
          <Route path="/helhedsplaner/ny/:kommuneId?">{(params) => <HelhedsplanNewPage kommuneId={params.kommuneId} />}</Route>
          <Route path="/helhedsplaner/:id">{(params) => <HelhedsplanPage id={params.id} />}</Route>
          <Route path="/synkronisering" component={SyncPage} />
          <Route path="/dubletter" component={DuplicatesPage} />
          <Route path="/sikkerhedskopier" component={BackupsPage} />
          <Route path="/indstillinger" component={SettingsPage} />
          <Route>{() => <NotYetPage titleKey="nav.overview" textKey="errors.NOT_FOUND" />}</Route>
        </Switch>
        </Suspense>
      </main>
    </div>
  );
}
