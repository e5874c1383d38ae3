const dateFmt = new Intl.DateTimeFormat('en-GB', { weekday: 'short', day: '2-digit', month: 'short', hour: '2-digit', minute: '2-digit', timeZone: 'UTC' });

export function formatKickoff(d: Date): string {
  return `${dateFmt.format(d)} UTC`;
}

export function score(home: number | null, away: number | null): string {
  return home === null || away === null ? '–' : `${home}–${away}`;
}
