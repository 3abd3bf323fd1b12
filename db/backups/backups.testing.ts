import fs from 'node:fs';

/**
 * Test support: writes garbage over pages of a real, closed SQLite file
 * (from page `fromPage`, 1-based), the way a failing disk or a half-synced
 * cloud copy damages it.
 */
export function damagePages(file: string, fromPage = 2, pages = 8): void {
  const fd = fs.openSync(file, 'r+');
  try {
    const header = Buffer.alloc(100);
    fs.readSync(fd, header, 0, 100, 0);
    const raw = header.readUInt16BE(16);
    const pageSize = raw === 1 ? 65536 : raw || 4096;
    const garbage = Buffer.alloc(pageSize * pages);
    for (let i = 0; i < garbage.length; i++) garbage[i] = (i * 131 + 7) % 251;
    fs.writeSync(fd, garbage, 0, garbage.length, (fromPage - 1) * pageSize);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}
