/** Danish vocabulary for generated demo data: names, places, topics and minutes prose. */
export const firstNames = ['Anne', 'Mette', 'Hanne', 'Susanne', 'Lene', 'Kirsten', 'Pia', 'Charlotte', 'Camilla', 'Maria', 'Louise', 'Birgitte', 'Tina', 'Jette', 'Helle', 'Ida', 'Sofie', 'Karen', 'Inge', 'Lone', 'Peter', 'Jens', 'Lars', 'Michael', 'Henrik', 'Søren', 'Thomas', 'Jan', 'Morten', 'Niels', 'Rasmus', 'Jesper', 'Anders', 'Christian', 'Martin', 'Per', 'Ole', 'Bo', 'Kasper', 'Mads', 'Jørgen', 'Torben', 'Preben', 'Åse', 'Bjørn', 'Ærling'];
export const lastNames = ['Jensen', 'Nielsen', 'Hansen', 'Pedersen', 'Andersen', 'Christensen', 'Larsen', 'Sørensen', 'Rasmussen', 'Jørgensen', 'Petersen', 'Madsen', 'Kristensen', 'Olsen', 'Thomsen', 'Christiansen', 'Poulsen', 'Johansen', 'Møller', 'Mortensen', 'Østergaard', 'Bækgaard', 'Dalsgaard', 'Kjær', 'Lund', 'Holm', 'Krogh', 'Skovgaard', 'Frederiksen', 'Vestergaard'];
export const organisationPatterns = ['{k} Boligselskab', 'Boligforeningen {k}', '{k} Almennyttige Boligselskab', 'Arbejdernes Boligforening {k}', 'Boligkontoret {k}', 'Ungdomsboliger {k}'];
export const nationalOrganisations = ['KAB', 'Domea.dk', 'Lejerbo', 'AAB', 'FSB', '3B', 'Civica', 'Fællesbo', 'DAB', 'Boligkontoret Danmark'];
/** Agenda topics between the opening review and "Eventuelt" (which the seed always puts last). */
export const topics = [
  'Boligsocial anvisning',
  'Forebyggelse af udsættelser',
  'Bostøtte til psykisk skrøbelige',
  'Byudvikling og lokalplaner',
  'Nybyggeri af almene boliger',
  'Renovering og Landsbyggefonden',
  'Modtagelse af flygtninge',
  'Takststrukturer for forsyning',
  'Styringsrapporten',
  'Effektivisering og huslejeniveau',
  'Beboerdemokrati og frivillighed',
  'Boligsocial helhedsplan – status',
  'Fleksibel udlejning',
  'Kombineret udlejning',
  'Grønne tage og energirenovering',
  'Tryghed i boligområderne',
];
export const minutesSentences = [
  'Kommunen orienterede om status og de seneste tal.',
  'Boligorganisationerne oplever et stigende pres på de små boliger.',
  'Der var enighed om at følge udviklingen tæt det kommende halvår.',
  'Forvaltningen fremlagde et udkast, som blev drøftet grundigt.',
  'Flere pegede på, at samarbejdet med jobcentret fungerer godt.',
  'Venteliste og anvisningsprocent blev gennemgået.',
  'Der blev spurgt til økonomien i projektet, som endnu ikke er på plads.',
  'Landsbyggefondens tilsagn forventes inden sommerferien.',
  'Beboerrepræsentanterne understregede behovet for tidlig inddragelse.',
  'Kredskonsulenten orienterede om erfaringer fra andre kommuner i kredsen.',
];
export const decisions = [
  'Taget til efterretning.',
  'Godkendt med de faldne bemærkninger.',
  'Punktet genoptages på næste møde.',
  'Forvaltningen udarbejder et notat til næste møde.',
  'Arbejdsgruppen nedsættes med én repræsentant fra hver organisation.',
  'Boligorganisationerne melder tilbage inden fristen.',
];
export const followUpTitles = [
  'Send opgørelse over ledige boliger',
  'Indkald til temamøde',
  'Udarbejd notat om anvisningsaftalen',
  'Indhent tal for udsættelser',
  'Send referat til deltagerne',
  'Afklar økonomien med forvaltningen',
  'Koordinér med helhedsplanens sekretariat',
  'Undersøg erfaringer fra nabokommunen',
  'Opdatér samarbejdsaftalen',
  'Følg op på beboermødet',
];
export const places = ['Rådhuset, mødelokale 1', 'Rådhuset, byrådssalen', 'Boligorganisationens kontor', 'Beboerhuset', 'Teams', 'Kulturhuset'];

/** Notes of logged contacts (kontaktlog, issue 16): calls, e-mails and chance meetings a consultant writes down. */
export const contactLogNotes = [
  'Kort snak om ventelisten til familieboliger',
  'Ringede om den kommunale anvisning og restlejemål',
  'Mail om datoer for næste styringsdialog',
  'Mødtes ved KL-konferencen – interesseret i fælles indsats for unge',
  'Spurgte til status på helhedsplanens bestyrelse',
  'Drøftede takststrukturen for forsyning',
  'Aftalte at sende tal for udsættelser',
  'Opfølgning på byrådets beslutning om nybyggeri',
  'Ny direktør – præsenterede BL og kredsen',
  'Mail med invitation til valgmøde',
  'Talte om boligsocial anvisning af flygtninge',
  'Uformel kaffe efter kommunesamarbejdet',
];
