import type ExcelJS from 'exceljs';
import type { BulletinTable, Cell } from './bulletin-tables';

/**
 * The bulletin as an .xlsx workbook (exceljs): one sheet per table, its first row the headers,
 * a rate a number formatted as a percentage (so that it adds up in Excel), an empty cell where
 * there is nothing.
 */
export async function bulletinWorkbook(tables: readonly BulletinTable[], title: string, generatedAt: string): Promise<Buffer> {
  // exceljs (and the zip libraries under it) load with the first workbook asked for, not with the server.
  const { Workbook } = (await import('exceljs')).default as typeof ExcelJS;
  const workbook = new Workbook();
  workbook.creator = 'whistle';
  workbook.title = title;
  workbook.created = new Date(generatedAt);
  for (const table of tables) {
    const sheet = workbook.addWorksheet(table.name, { views: [{ state: 'frozen', ySplit: 1 }] });
    sheet.addRow([...table.headers]).font = { bold: true };
    for (const cells of table.rows) {
      const row = sheet.addRow(cells.map(value));
      cells.forEach((cell, i) => {
        if (cell !== null && typeof cell === 'object') row.getCell(i + 1).numFmt = '0.0%';
      });
    }
    table.headers.forEach((header, i) => {
      const widest = Math.max(header.length, ...table.rows.map((r) => text(r[i]).length));
      sheet.getColumn(i + 1).width = Math.min(70, Math.max(10, widest * 1.6));
    });
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

function value(cell: Cell): string | number | null {
  return cell !== null && typeof cell === 'object' ? cell.percent : cell;
}

function text(cell: Cell | undefined): string {
  return cell === undefined || cell === null ? '' : String(value(cell));
}
