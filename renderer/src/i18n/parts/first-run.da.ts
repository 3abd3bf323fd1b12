/** The first-run dialog (app/first-run.dialog.tsx): who the consultant is, before anything else. */
export const firstRunDa = {
  title: 'Velkommen til Kredsbog',
  intro: 'Fortæl Kredsbog, hvem du er. Dit navn og dine initialer står som ansvarlig i de referater, du deler, og din e-mail bruges som afsender af mødeindkaldelser. Du kan altid ændre det under Indstillinger.',
  userName: 'Dit navn',
  initials: 'Initialer',
  email: 'E-mail',
  kredse: 'Mine kredse',
  kredseHint: 'Overblik viser kommunerne i dine kredse først.',
  save: 'Gem og kom i gang',
  later: 'Senere',
  saved: 'Velkommen, {{name}}.',
  consultantRole: 'BL’s kredskonsulent',
  nameRequired: 'Skriv dit navn, eller vælg Senere.',
};
