//! T10 "三公"经费 in the two layouts the seeds print: one item per row with its amounts by fund
//! source (seed 004, county-11), or one row of figures under the item headers (seed 003,
//! xj-2022). The template's columns decide: a column naming 因公出国 means the one-row layout.

use rust_xlsxwriter::{Worksheet, XlsxError};

use crate::money::Money;
use crate::tables::{ThreePublicItem, ThreePublicTable};

use super::sheet::{head, span, Cell, HeaderCell, SheetLayout, SheetWriter};
use super::TableContext;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Item {
    Total,
    Outbound,
    Reception,
    VehicleSubtotal,
    VehiclePurchase,
    VehicleOperation,
    OfficeOperation,
}

impl Item {
    /// The rows of the one-column layout, labelled as seed 004 prints them.
    const ROWS: [(Item, &'static str); 6] = [
        (Item::Total, "合计"),
        (Item::Outbound, "因公出国（境）费"),
        (Item::Reception, "公务接待费"),
        (Item::VehicleSubtotal, "公务用车购置及运行费（小计）"),
        (Item::VehiclePurchase, "其中：公务用车购置费"),
        (Item::VehicleOperation, "公务用车运行费"),
    ];

    fn of(self, table: &ThreePublicTable) -> Option<&ThreePublicItem> {
        match self {
            Item::Total => table.total.as_ref(),
            Item::Outbound => table.outbound.as_ref(),
            Item::Reception => table.reception.as_ref(),
            Item::VehicleSubtotal => table.vehicle_subtotal.as_ref(),
            Item::VehiclePurchase => table.vehicle_purchase.as_ref(),
            Item::VehicleOperation => table.vehicle_operation.as_ref(),
            Item::OfficeOperation => table.office_operation.as_ref(),
        }
    }

    /// The item a one-row header column names ("小计" is the vehicle subtotal there).
    fn of_column(column: &str) -> Option<Item> {
        if column.contains("机关运行") {
            Some(Item::OfficeOperation)
        } else if column.contains("因公出国") {
            Some(Item::Outbound)
        } else if column.contains("接待") {
            Some(Item::Reception)
        } else if column == "小计" || column.contains("购置及运行") {
            Some(Item::VehicleSubtotal)
        } else if column.contains("购置") {
            Some(Item::VehiclePurchase)
        } else if column.contains("运行费") {
            Some(Item::VehicleOperation)
        } else if column == "合计" {
            Some(Item::Total)
        } else {
            None
        }
    }

    fn is_vehicle_part(self) -> bool {
        matches!(
            self,
            Item::VehicleSubtotal | Item::VehiclePurchase | Item::VehicleOperation
        )
    }
}

fn amount(item: Option<&ThreePublicItem>) -> Money {
    item.map_or(Money::ZERO, |i| i.amount.value)
}

/// Empty when no item holds an amount: the unit arranged no "三公" money.
fn is_empty(table: Option<&ThreePublicTable>) -> bool {
    table.is_none_or(|t| {
        Item::ROWS
            .iter()
            .all(|(item, _)| amount(item.of(t)).is_zero())
    })
}

pub fn write_three_public(
    ws: &mut Worksheet,
    ctx: &TableContext<'_>,
    table: Option<&ThreePublicTable>,
) -> Result<SheetLayout, XlsxError> {
    if ctx.spec.columns.iter().any(|c| c.contains("因公出国")) {
        write_one_row(ws, ctx, table)
    } else {
        write_one_column(ws, ctx, table)
    }
}

/// Seed 004: 支出内容 | 合计 | 资金来源 (一般公共预算, 政府性基金, 国有资本经营预算).
fn write_one_column(
    ws: &mut Worksheet,
    ctx: &TableContext<'_>,
    table: Option<&ThreePublicTable>,
) -> Result<SheetLayout, XlsxError> {
    let columns = ctx.spec.columns;
    let sources: Vec<&str> = columns
        .iter()
        .skip_while(|c| **c != "合计")
        .skip(1)
        .copied()
        .collect();
    let width = 2 + sources.len() as u16;
    let mut w = SheetWriter::begin(
        ws,
        ctx.styles,
        ctx.scale,
        width,
        &ctx.title(),
        &ctx.header.unit,
    )?;
    let label_header = columns.first().copied().unwrap_or("“三公”经费支出内容");
    let mut header = vec![
        span(0, 0, 2, 1, label_header),
        span(0, 1, 2, 1, "合计"),
        span(0, 2, 1, sources.len() as u16, "资金来源"),
    ];
    header.extend(
        sources
            .iter()
            .enumerate()
            .map(|(i, s)| head(1, 2 + i as u16, *s)),
    );
    w.header(2, &header)?;
    w.labels(1);
    let office = table
        .and_then(|t| t.office_operation.as_ref())
        .map(|_| (Item::OfficeOperation, "机关运行经费"));
    for (item, label) in Item::ROWS.into_iter().chain(office) {
        let found = table.and_then(|t| item.of(t));
        let mut cells = vec![Cell::text(label), Cell::Amount(amount(found))];
        // An item without amounts by source (read from a one-row table) leaves them blank.
        cells.extend((0..sources.len()).map(|i| {
            Cell::Amount(
                found
                    .and_then(|f| f.by_source.get(i))
                    .map_or(Money::ZERO, |a| a.value),
            )
        }));
        if item == Item::Total {
            w.total_row(&cells)?;
        } else {
            w.row(&cells)?;
        }
    }
    if let Some(note) = ctx.note(table.map(|t| &t.meta), is_empty(table)) {
        w.note(&note)?;
    }
    w.finish()
}

/// Seed 003: 合计 | 因公出国(境)费 | 公务用车购置及运行费 (小计, 购置费, 运行费) | 公务接待费, and
/// one row of figures.
fn write_one_row(
    ws: &mut Worksheet,
    ctx: &TableContext<'_>,
    table: Option<&ThreePublicTable>,
) -> Result<SheetLayout, XlsxError> {
    let columns = ctx.spec.columns;
    let items: Vec<Option<Item>> = columns.iter().map(|c| Item::of_column(c)).collect();
    let mut w = SheetWriter::begin(
        ws,
        ctx.styles,
        ctx.scale,
        columns.len() as u16,
        &ctx.title(),
        &ctx.header.unit,
    )?;
    let mut header: Vec<HeaderCell<'_>> = Vec::new();
    let vehicle: Vec<usize> = (0..columns.len())
        .filter(|i| items[*i].is_some_and(Item::is_vehicle_part))
        .collect();
    // The vehicle columns sit under one 公务用车购置及运行费 header, as seed 003 prints them.
    if let (Some(first), Some(last)) = (vehicle.first(), vehicle.last()) {
        header.push(span(
            0,
            *first as u16,
            1,
            (last - first + 1) as u16,
            "公务用车购置及运行费",
        ));
    }
    for (col, text) in columns.iter().enumerate() {
        if vehicle.contains(&col) {
            header.push(head(1, col as u16, *text));
        } else {
            header.push(span(0, col as u16, 2, 1, *text));
        }
    }
    w.header(2, &header)?;
    let cells: Vec<Cell<'_>> = items
        .iter()
        .map(|item| Cell::Amount(amount(table.zip(*item).and_then(|(t, item)| item.of(t)))))
        .collect();
    w.row(&cells)?;
    if let Some(note) = ctx.note(table.map(|t| &t.meta), is_empty(table)) {
        w.note(&note)?;
    }
    w.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_row_columns_name_their_items() {
        let columns = [
            "合计",
            "因公出国(境)费",
            "小计",
            "公务用车购置费",
            "公务用车运行费",
            "公务接待费",
        ];
        let items: Vec<Option<Item>> = columns.iter().map(|c| Item::of_column(c)).collect();
        assert_eq!(
            items,
            vec![
                Some(Item::Total),
                Some(Item::Outbound),
                Some(Item::VehicleSubtotal),
                Some(Item::VehiclePurchase),
                Some(Item::VehicleOperation),
                Some(Item::Reception),
            ]
        );
    }
}
