//! Chinese names of the rules, for the findings panel and the 审核报告. Rule ids are stable
//! keys ("t3_tree"); table-wide rules carry the table id as prefix.

/// "表3 类=Σ款=Σ项" for "t3_tree"; the id itself for an unknown rule.
pub fn rule_title(rule: &str) -> String {
    let fixed = match rule {
        "amount_unreadable" => Some("金额无法识别"),
        "catalog_name_mismatch" => Some("科目名称与编码不符"),
        "catalog_unknown_code" => Some("科目编码不在科目表中"),
        "empty_table_has_amounts" => Some("空表填有金额"),
        "file_unreadable" => Some("文件无法读取"),
        "scale_missing" => Some("未注明金额单位"),
        "unit_mismatch" => Some("各表编制部门不一致"),
        "t1_balance" | "t4_balance" => Some("收入总计=支出总计"),
        "t1_expenditure_total" => Some("支出总计=各功能分类之和"),
        "t1_vs_t3_class" => Some("表间：收支总表各类=支出总表各类"),
        "t4_row_funds" => Some("合计=一般公共预算+政府性基金+国有资本经营"),
        "t4_column_total" => Some("支出总计=各功能分类之和"),
        "t4_vs_t1_income" => Some("表间：财政拨款收入=收支总表"),
        "t4_vs_t5_class" => Some("表间：一般公共预算各类=一般公共预算支出表"),
        "t4_vs_t8_class" => Some("表间：政府性基金各类=政府性基金支出表"),
        "t4_vs_t9_class" => Some("表间：国有资本经营各类=国有资本经营支出表"),
        "t6_vs_t5_basic" => Some("表间：基本支出合计=一般公共预算支出表基本支出"),
        "t7_row_economic" => Some("项目支出合计=各经济分类之和"),
        "t7_tree" => Some("科目小计=其下各项目之和"),
        "t7_grand_total" => Some("合计=各项目之和"),
        "t7_vs_t5_project" => Some("表间：项目支出合计=一般公共预算支出表项目支出"),
        "t10_total" => Some("三公合计=出国+接待+公务用车"),
        "t10_vehicle" => Some("公务用车=购置费+运行费"),
        "t10_sources" => Some("合计=各资金来源之和"),
        "t3_covers_grants" => Some("表间：部门支出各类≥财政拨款各类"),
        "t4_within_t1_class" => Some("表间：财政拨款各类≤收支总表各类"),
        "t10_covers_basic" => Some("表间：三公各项≥基本支出中对应经济科目"),
        "target_read" => Some("绩效目标表无法读取"),
        "target_value_verbatim" => Some("指标值未能拆分，原样保留"),
        "target_weights" => Some("绩效指标权重合计=90"),
        "target_weight_missing" => Some("绩效指标未填权重"),
        "target_levels" => Some("应有产出、效益、满意度指标"),
        "target_cost_operator" => Some("成本指标使用≤或＝"),
        "target_cost_unit" => Some("成本指标以金额计量"),
        "target_money_exceeds" => Some("指标金额不超过项目金额"),
        "target_cost_total" => Some("成本指标合计不超过项目金额"),
        "target_funds_sum" => Some("年度资金总额=财政拨款+其他资金"),
        "target_amount" => Some("年度资金总额=项目支出金额"),
        "target_duplicate_name" => Some("同一项目内指标名称不重复"),
        "target_operator_value" => Some("运算符与指标值一致"),
        "target_operator_missing" => Some("数值指标未写运算符"),
        "target_value_missing" => Some("指标值未填写"),
        "narrative_change_percent" => Some("情况说明：增减幅度=增减额÷上年数"),
        "narrative_change_direction" => Some("情况说明：增减方向前后一致"),
        "narrative_percent_zero_base" => Some("情况说明：上年为0不写百分比"),
        "narrative_percent_rounding" => Some("情况说明：百分比四舍五入"),
        "narrative_share" => Some("情况说明：占比=金额÷总额"),
        "narrative_amount_mismatch" => Some("情况说明：金额与公开表一致"),
        "narrative_project_amount" => Some("情况说明：项目金额与表7一致"),
        "narrative_project_name" => Some("情况说明：项目名称与表7一致"),
        "narrative_not_arranged" => Some("情况说明：“未安排”与公开表一致"),
        _ => None,
    };
    let table = rule
        .split('_')
        .next()
        .and_then(|t| t.strip_prefix('t'))
        .filter(|n| n.parse::<u8>().is_ok());
    if let Some(title) = fixed {
        return match table {
            Some(n) => format!("表{n} {title}"),
            None => title.to_string(),
        };
    }
    let Some(n) = table else {
        return rule.to_string();
    };
    let generic = match rule.get(n.len() + 2..).unwrap_or("") {
        "tree" => "类=Σ款=Σ项",
        "grand_total" => "合计行=各类之和",
        "row_total" => "合计=各部分之和",
        "row_basic" => "基本支出=人员经费+公用经费",
        "income_parts" => "收入项目=其下各项之和",
        "income_total" => "收入总计=各收入项目之和",
        _ => return rule.to_string(),
    };
    format!("表{n} {generic}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_fixed_and_table_wide_rules() {
        assert_eq!(rule_title("t3_tree"), "表3 类=Σ款=Σ项");
        assert_eq!(rule_title("t11_row_total"), "表11 合计=各部分之和");
        assert_eq!(rule_title("t10_total"), "表10 三公合计=出国+接待+公务用车");
        assert_eq!(rule_title("catalog_unknown_code"), "科目编码不在科目表中");
        assert_eq!(rule_title("target_weights"), "绩效指标权重合计=90");
        assert_eq!(rule_title("something_new"), "something_new");
        assert_eq!(rule_title("t5_whatever"), "t5_whatever");
        assert_eq!(rule_title("t3"), "t3");
    }
}
