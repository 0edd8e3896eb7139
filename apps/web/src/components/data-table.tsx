import type { ReactNode } from 'react';

export interface Column<Row> {
  key: string;
  label: string;
  render: (row: Row) => ReactNode;
  /** The column that names the row (bold, first on a phone card). */
  primary?: boolean;
}

interface DataTableProps<Row> {
  caption: string;
  columns: Array<Column<Row>>;
  rows: Row[];
  rowKey: (row: Row) => string;
  /** Shows the caption on screen too (it is always there for screen readers). */
  showCaption?: boolean;
}

/**
 * A real table on wide screens that reflows into one card per row on phones (styles in admin.css). The
 * explicit roles keep it a table for screen readers even when the cells are laid out as blocks, and each cell
 * carries its column name, shown only on the phone layout.
 */
export function DataTable<Row>({ caption, columns, rows, rowKey, showCaption = false }: DataTableProps<Row>) {
  return (
    <div className="data-table-wrap">
      <table className="data-table" role="table">
        <caption className={showCaption ? 'data-table__caption' : 'visually-hidden'}>{caption}</caption>
        <thead role="rowgroup">
          <tr role="row">
            {columns.map((column) => (
              <th key={column.key} role="columnheader" scope="col">
                {column.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody role="rowgroup">
          {rows.map((row) => (
            <tr key={rowKey(row)} role="row">
              {columns.map((column) => (
                <td
                  key={column.key}
                  role="cell"
                  className={column.primary ? 'data-table__primary' : undefined}
                >
                  {!column.primary && (
                    <span className="data-table__label" aria-hidden="true">
                      {column.label}
                    </span>
                  )}
                  <span className="data-table__value">{column.render(row)}</span>
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
