import { Workbook } from 'exceljs';
import { invalid } from '../shared/domain.errors';

/**
 * The cells of a workbook's first sheet as text (what a person sees in them): numbers as
 * written (a phone typed as a number keeps its digits), hyperlinks by their text, formulas by
 * their result. A file that is not a readable .xlsx is a 400, never a 500.
 */
export async function xlsxCells(data: Buffer): Promise<string[][]> {
  const book = new Workbook();
  try {
    await book.xlsx.load(data as unknown as ArrayBuffer);
  } catch {
    throw invalid('invalid_xlsx', 'The file is not a readable .xlsx workbook');
  }
  const sheet = book.worksheets[0];
  if (!sheet) throw invalid('invalid_xlsx', 'The workbook has no sheet');
  const rows: string[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row, rowNumber) => {
    const cells: string[] = [];
    for (let c = 1; c <= sheet.columnCount; c++) {
      const cell = row.getCell(c);
      cells.push(typeof cell.value === 'number' ? String(cell.value) : (cell.text ?? ''));
    }
    rows[rowNumber - 1] = cells;
  });
  for (let i = 0; i < rows.length; i++) rows[i] ??= [];
  return rows;
}
