import { useTranslation } from 'react-i18next';
import { Link, Route, Switch, useLocation } from 'wouter';
import { CommandPalette } from '../components/command-palette.component';
import { CalendarPage } from '../pages/calendar/calendar.page';
import { ContactPage } from '../pages/contacts/contact.page';
import { ContactFormPage } from '../pages/contacts/contact-form.page';
import { ContactsPage } from '../pages/contacts/contacts.page';
import { KommunePage } from '../pages/kommuner/kommune.page';
import { KommunerPage } from '../pages/kommuner/kommuner.page';
import { FollowUpsPage } from '../pages/follow-ups/follow-ups.page';
import { MeetingFormPage } from '../pages/meetings/meeting-form.page';
import { MeetingPage } from '../pages/meetings/meeting.page';
import { MeetingsPage } from '../pages/meetings/meetings.page';
import { ReferatPage } from '../pages/meetings/referat.page';
import { NotYetPage } from '../pages/not-yet.page';
import { OrganisationPage } from '../pages/organisations/organisation.page';
import { OrganisationFormPage } from '../pages/organisations/organisation-form.page';
import { OrganisationsPage } from '../pages/organisations/organisations.page';
import { OverviewPage } from '../pages/overview/overview.page';
import { SeriesFormPage } from '../pages/series/series-form.page';
import { SeriesListPage } from '../pages/series/series-list.page';
import { SeriesPage } from '../pages/series/series.page';
import { SettingsPage } from '../pages/settings/settings.page';
import { ContactsImportPage } from '../pages/contact-files/contacts-import.page';
import { IcsImportPage } from '../pages/calendar-files/ics-import.page';
import { DuplicatesPage } from '../pages/duplicates/duplicates.page';
import { SyncPage } from '../pages/sync/sync.page';

const navItems = [
  { href: '/', key: 'nav.overview', icon: '◎' },
  { href: '/kommuner', key: 'nav.kommuner', icon: '⌂' },
  { href: '/organisationer', key: 'nav.organisations', icon: '▦' },
  { href: '/kontakter', key: 'nav.contacts', icon: '☺' },
  { href: '/moeder', key: 'nav.meetings', icon: '◷' },
  { href: '/opfoelgning', key: 'nav.followUps', icon: '✓' },
  { href: '/synkronisering', key: 'nav.sync', icon: '⇄' },
  { href: '/indstillinger', key: 'nav.settings', icon: '⚙' },
] as const;

export function App() {
  const { t } = useTranslation();
  const [location] = useLocation();
  // Møderækker and Kalender belong to the Møder section.
  const section = location.startsWith('/moederaekker') || location.startsWith('/kalender') ? '/moeder' : location;
  const isActive = (href: string) => (href === '/' ? section === '/' : section === href || section.startsWith(`${href}/`));
  return (
    <div className="frame">
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
      <main className="content">
        <Switch>
          <Route path="/" component={OverviewPage} />
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
          <Route path="/moeder/ny/serie/:seriesId">{(params) => <MeetingFormPage key={params.seriesId} seriesId={params.seriesId} />}</Route>
          <Route path="/moeder/:id/referat">{(params) => <ReferatPage key={params.id} id={params.id} />}</Route>
          <Route path="/moeder/:id">{(params) => <MeetingPage id={params.id} />}</Route>
          <Route path="/moederaekker" component={SeriesListPage} />
          <Route path="/moederaekker/ny" component={SeriesFormPage} />
          <Route path="/moederaekker/:id">{(params) => <SeriesPage id={params.id} />}</Route>
          <Route path="/opfoelgning" component={FollowUpsPage} />
          <Route path="/synkronisering" component={SyncPage} />
          <Route path="/dubletter" component={DuplicatesPage} />
          <Route path="/indstillinger" component={SettingsPage} />
          <Route>{() => <NotYetPage titleKey="nav.overview" textKey="errors.NOT_FOUND" />}</Route>
        </Switch>
      </main>
    </div>
  );
}
