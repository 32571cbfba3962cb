//! T10 "三公"经费 in both layouts: one row of figures under item headers (seed 003), or one
//! item per row with its amount by fund source (seed 004).

use crate::tables::ThreePublicItem;

use super::layout::is_total_label;
use super::parse_code_tables::CellReader;
use crate::text::fold_label;

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

/// Which 三公 item a label or header names.
fn item_of(folded: &str) -> Option<Item> {
    let f = folded.trim_start_matches("其中:");
    if f.contains("机关运行") {
        Some(Item::OfficeOperation)
    } else if f.contains("因公出国") {
        Some(Item::Outbound)
    } else if f.contains("接待") {
        Some(Item::Reception)
    } else if f.contains("购置及运行") || (f == "小计") {
        Some(Item::VehicleSubtotal)
    } else if f.contains("购置") {
        Some(Item::VehiclePurchase)
    } else if f.contains("运行费") {
        Some(Item::VehicleOperation)
    } else if is_total_label(f) {
        Some(Item::Total)
    } else {
        None
    }
}

#[derive(Default)]
pub struct ThreePublicBody {
    pub total: Option<ThreePublicItem>,
    pub outbound: Option<ThreePublicItem>,
    pub reception: Option<ThreePublicItem>,
    pub vehicle_subtotal: Option<ThreePublicItem>,
    pub vehicle_purchase: Option<ThreePublicItem>,
    pub vehicle_operation: Option<ThreePublicItem>,
    pub office_operation: Option<ThreePublicItem>,
}

impl ThreePublicBody {
    fn slot(&mut self, item: Item) -> &mut Option<ThreePublicItem> {
        match item {
            Item::Total => &mut self.total,
            Item::Outbound => &mut self.outbound,
            Item::Reception => &mut self.reception,
            Item::VehicleSubtotal => &mut self.vehicle_subtotal,
            Item::VehiclePurchase => &mut self.vehicle_purchase,
            Item::VehicleOperation => &mut self.vehicle_operation,
            Item::OfficeOperation => &mut self.office_operation,
        }
    }
}

pub fn parse_three_public(reader: &mut CellReader<'_>) -> ThreePublicBody {
    let block = reader.block;
    let width = block.columns.len() as u32;
    let one_row = (0..width).any(|c| block.path(c).contains("因公出国"));
    let mut body = ThreePublicBody::default();
    if one_row {
        // The figures are the first data row; a blank template has none.
        let Some(row) = block
            .data_rows()
            .find(|r| reader.grid.row_cells(*r).next().is_some())
        else {
            return body;
        };
        for col in 0..width {
            let leaf = block.leaf(col).to_string();
            let path = block.path(col).to_string();
            // "小计" under 公务用车 is the vehicle subtotal; "合计" alone is the total.
            let item = if leaf == "小计" && path.contains("公务用车") {
                Some(Item::VehicleSubtotal)
            } else {
                item_of(&leaf)
                    .or_else(|| path.contains("机关运行").then_some(Item::OfficeOperation))
            };
            if let Some(item) = item {
                let amount = reader.amount(row, col);
                body.slot(item).get_or_insert(ThreePublicItem {
                    amount,
                    by_source: Vec::new(),
                });
            }
        }
        return body;
    }
    let Some(label_col) = (0..width).find(|c| {
        let p = block.path(*c);
        p.contains("三公") || p.contains("项目") || p.contains("内容")
    }) else {
        return body;
    };
    let Some(total_col) = block.find_leaf(label_col + 1, |l| l == "合计" || l.contains("预算数"))
    else {
        return body;
    };
    let source_cols: Vec<u32> = (total_col + 1..width)
        .filter(|c| !block.leaf(*c).is_empty())
        .collect();
    for row in block.data_rows() {
        let label = fold_label(&reader.text(row, label_col));
        let Some(item) = item_of(&label) else {
            continue;
        };
        let amount = reader.amount(row, total_col);
        let by_source = source_cols.iter().map(|c| reader.amount(row, *c)).collect();
        body.slot(item)
            .get_or_insert(ThreePublicItem { amount, by_source });
    }
    body
}
