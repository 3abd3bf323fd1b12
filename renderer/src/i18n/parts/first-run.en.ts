import type { firstRunDa } from './first-run.da';

export const firstRunEn: Record<keyof typeof firstRunDa, string> = {
  title: 'Welcome to Kredsbog',
  intro: 'Tell Kredsbog who you are. Your name and initials appear as the person responsible in the minutes you share, and your e-mail is the sender of meeting invitations. You can change this at any time in Settings.',
  userName: 'Your name',
  initials: 'Initials',
  email: 'E-mail',
  kredse: 'My districts',
  kredseHint: 'The overview shows the municipalities in your districts first.',
  save: 'Save and get started',
  later: 'Later',
  saved: 'Welcome, {{name}}.',
  consultantRole: "BL's district consultant",
  nameRequired: 'Enter your name, or choose Later.',
};
