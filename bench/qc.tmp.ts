import Database from 'better-sqlite3';
const db = new Database('/tmp/seed10.sqlite', { readonly: true });
let s = performance.now();
console.log(db.pragma('quick_check', { simple: true }), ((performance.now() - s) / 1000).toFixed(2), 's quick_check');
s = performance.now();
console.log(db.pragma('quick_check(1)', { simple: true }), ((performance.now() - s) / 1000).toFixed(2), 's quick_check(1)');
