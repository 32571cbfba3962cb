//! Chinese names of the rules, for the findings panel and the 审核报告. Rule ids are stable
//! keys ("t3_tree", kept with the 说明 written for a finding); they are never shown.

/// What an id no rule has is called (an id from a newer version, say): never the id itself.
const UNKNOWN_RULE: &str = "其他审核规则";

/// "类=Σ款=Σ项" for "t3_tree".
pub fn rule_title(rule: &str) -> String {
    let fixed = match rule {
        "amount_unreadable" => Some("金额无法识别"),
        "catalog_name_mismatch" => Some("科目名称与编码不符"),
        "catalog_unknown_code" => Some("科目编码不在科目表中"),
        "empty_table_has_amounts" => Some("空表填有金额"),
        "file_unreadable" => Some("文件无法读取"),
        "scale_missing" => Some("未注明金额单位"),
        "unit_mismatch" => Some("各表编制部门不一致"),
        "unit_missing" => Some("未注明编制部门"),
        "unit_header_mismatch" => Some("表头单位与封面一致"),
        "table_without_amounts" => Some("表中没有金额"),
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
        "execution_no_budget" => Some("自评：未填写全年预算数"),
        "execution_no_executed" => Some("自评：未填写全年执行数"),
        "execution_weight" => Some("自评：预算执行率分值为10分"),
        "funds_split" => Some("自评：年度资金总额=财政拨款+上年结转+其他资金"),
        "indicator_no_weight" => Some("自评：指标未填分值"),
        "indicator_weight_total" => Some("自评：指标分值合计为90分"),
        "level_weight" => Some("自评：一级指标分值=其下指标分值之和"),
        "qualitative_grade_inferred" => Some("自评：定性指标等级待确认"),
        "stated_execution_rate" => Some("自评：预算执行率=全年执行数÷全年预算数"),
        "stated_execution_score" => Some("自评：执行得分=10×执行率"),
        "stated_grade" => Some("自评：自评结论与总分相符"),
        "stated_grade_unreadable" => Some("自评：自评结论无法识别"),
        "stated_indicator_score" => Some("自评：指标得分按评分规则"),
        "stated_total" => Some("自评：总分按评分规则"),
        "stated_weight_total" => Some("自评：总分分值=10+各指标分值"),
        "narrative_change_percent" => Some("情况说明：增减幅度=增减额÷上年数"),
        "narrative_change_direction" => Some("情况说明：增减方向前后一致"),
        "narrative_percent_zero_base" => Some("情况说明：上年为0不写百分比"),
        "narrative_percent_rounding" => Some("情况说明：百分比四舍五入"),
        "narrative_share" => Some("情况说明：占比=金额÷总额"),
        "narrative_amount_mismatch" => Some("情况说明：金额与公开表一致"),
        "narrative_project_amount" => Some("情况说明：项目金额与项目支出表一致"),
        "narrative_project_name" => Some("情况说明：项目名称与项目支出表一致"),
        "narrative_not_arranged" => Some("情况说明：“未安排”与公开表一致"),
        "narrative_completion_zero_budget" => Some("情况说明：预算为0不写完成率"),
        "f1_income_total" => Some("本年收入合计=各项收入之和"),
        "f1_expenditure_total" => Some("本年支出合计=各功能分类之和"),
        "f1_income_grand_total" => Some("收入总计=本年收入+使用非财政拨款结余+年初结转和结余"),
        "f1_expenditure_grand_total" => Some("支出总计=本年支出+结余分配+年末结转和结余"),
        "f1_balance" | "f4_balance" => Some("收入总计=支出总计"),
        "f4_row_funds" => Some("合计=一般公共预算+政府性基金+国有资本经营"),
        "f4_opening_parts" => Some("年初结转和结余=各项财政拨款之和"),
        "f4_income_grand_total" => Some("收入总计=本年收入合计+年初结转和结余"),
        "f4_expenditure_total" => Some("本年支出合计=各功能分类之和"),
        "f4_expenditure_grand_total" => Some("支出总计=本年支出合计+年末结转和结余"),
        "f4_fund_balance" => Some("各项财政拨款：年初+本年收入=本年支出+年末"),
        "f6_personnel" => Some("人员经费合计=工资福利支出+对个人和家庭的补助"),
        "f6_public" => Some("公用经费合计=商品和服务支出+资本性支出等"),
        "f7_total" => Some("三公合计=出国+公务用车+接待"),
        "f7_vehicle" => Some("公务用车=购置费+运行（维护）费"),
        "f7_negative" => Some("三公经费不为负数"),
        "final_negative" => Some("收入、支出不为负数"),
        "consolidation_missing_unit" => Some("汇总：每个下属单位都有本年数据或并入本级"),
        "consolidation_transfer_mismatch" => Some("汇总：单位间往来两边一致方可抵销"),
        "consolidation_project_code" => Some("汇总：项目编码不重复"),
        "final_data_invalid" => Some("决算数据：编码、金额和收支平衡"),
        "f2_vs_f1_income" => Some("表间：收入决算表合计=收入支出决算总表各项收入"),
        "f3_vs_f1_total" => Some("表间：支出决算表合计=收入支出决算总表本年支出"),
        "f1_vs_f3_class" => Some("表间：收入支出决算总表各类=支出决算表各类"),
        "f4_vs_f1_income" => Some("表间：财政拨款收入=收入支出决算总表"),
        "f5_vs_f4_total" => Some("表间：一般公共预算财政拨款支出=财政拨款总表"),
        "f4_vs_f5_class" => Some("表间：财政拨款总表一般公共预算各类=一般公共预算支出决算表"),
        "f8_vs_f4" => Some("表间：政府性基金决算表合计=财政拨款总表政府性基金列"),
        "f9_vs_f4" => Some("表间：国有资本经营决算表合计=财政拨款总表国有资本经营列"),
        "final_empty_table_note" => Some("无数据的表应保留并注明"),
        "f5_vs_f6_basic" => Some("表间：基本支出=人员经费合计+公用经费合计"),
        "f5_within_f3_class" => Some("表间：一般公共预算财政拨款各类≤支出决算表各类"),
        "f7_covers_f6" => Some("表间：三公决算≥基本支出中对应经济科目"),
        "f1_non_fiscal_gap" => Some("表间：非财政拨款支出有收入或结余来源"),
        "final_carry_chain" => Some("跨年：本年年初结转和结余=上年年末结转和结余"),
        "final_performance_problems" => Some("情况说明：已整改+正在整改≤发现的问题"),
        "final_evaluation_amount" => Some("情况说明：自评项目金额≤项目支出"),
        "final_office_operation" => Some("情况说明：机关运行经费≤公用经费"),
        "document_part_missing" => Some("公开文件：应有的组成部分齐全"),
        "document_placeholder" => Some("公开文件：无模板占位符和待填写内容"),
        "document_punctuation_doubled" => Some("公开文件：标点不重复"),
        "document_bracket_unbalanced" => Some("公开文件：引号、括号成对"),
        "document_sentence_cut" => Some("公开文件：句子完整"),
        "document_year" => Some("公开文件：年度表述一致"),
        "document_scope_wording" => Some("公开文件：部门、单位称谓与文件类型一致"),
        "document_amount_scale" => Some("公开文件：金额单位（元、万元）正确"),
        _ => None,
    };
    if let Some(title) = fixed {
        return title.to_string();
    }
    // Rules every code table has, named "tN_…" by the table they run on. The title does not
    // repeat the table: the finding's table is shown beside it by its printed name, and a
    // number taken from the id would be wrong for schemes that number the tables differently
    // (三公 is 表8 in one scheme, 表10 in another).
    let generic = rule
        .split_once('_')
        .filter(|(table, _)| {
            table
                .strip_prefix(['t', 'f'])
                .is_some_and(|n| n.parse::<u8>().is_ok())
        })
        .and_then(|(_, rest)| match rest {
            "tree" => Some("类=Σ款=Σ项"),
            "grand_total" => Some("合计行=各类之和"),
            "row_total" => Some("合计=各部分之和"),
            "row_basic" => Some("基本支出=人员经费+公用经费"),
            "income_parts" => Some("收入项目=其下各项之和"),
            "income_total" => Some("收入总计=各收入项目之和"),
            "carry" => Some("年初结转和结余+本年收入−本年支出=年末结转和结余"),
            _ => None,
        });
    generic.unwrap_or(UNKNOWN_RULE).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_fixed_and_table_wide_rules_without_table_numbers() {
        assert_eq!(rule_title("t3_tree"), "类=Σ款=Σ项");
        assert_eq!(rule_title("t11_row_total"), "合计=各部分之和");
        assert_eq!(rule_title("t10_total"), "三公合计=出国+接待+公务用车");
        assert_eq!(rule_title("catalog_unknown_code"), "科目编码不在科目表中");
        assert_eq!(rule_title("target_weights"), "绩效指标权重合计=90");
        for unknown in ["something_new", "t5_whatever", "t3", "tx_tree"] {
            assert_eq!(rule_title(unknown), UNKNOWN_RULE);
        }
    }

    /// The source files that make findings, with their text. Rule ids are written where the
    /// finding is made: as a literal ("t1_balance"), or as "{prefix}_tree" with the table
    /// prefixes ("t3", "t5" …) the same file passes in.
    const SOURCES: [(&str, &str); 37] = [
        ("final_table_rules.rs", include_str!("final_table_rules.rs")),
        ("final_cross_rules.rs", include_str!("final_cross_rules.rs")),
        ("final_years.rs", include_str!("final_years.rs")),
        (
            "final_negative_rules.rs",
            include_str!("final_negative_rules.rs"),
        ),
        ("bound_rules.rs", include_str!("bound_rules.rs")),
        ("catalog_rules.rs", include_str!("catalog_rules.rs")),
        ("cross_rules.rs", include_str!("cross_rules.rs")),
        ("expenditure_rules.rs", include_str!("expenditure_rules.rs")),
        ("mod.rs", include_str!("mod.rs")),
        ("overview_rules.rs", include_str!("overview_rules.rs")),
        ("sums.rs", include_str!("sums.rs")),
        (
            "three_public_rules.rs",
            include_str!("three_public_rules.rs"),
        ),
        ("review/mod.rs", include_str!("../review/mod.rs")),
        (
            "review/workbook_rules.rs",
            include_str!("../review/workbook_rules.rs"),
        ),
        ("targets/checks.rs", include_str!("../targets/checks.rs")),
        (
            "scoring/evaluate.rs",
            include_str!("../scoring/evaluate.rs"),
        ),
        (
            "scoring/read/indicators.rs",
            include_str!("../scoring/read/indicators.rs"),
        ),
        (
            "scoring/read/mod.rs",
            include_str!("../scoring/read/mod.rs"),
        ),
        (
            "targets/read/mod.rs",
            include_str!("../targets/read/mod.rs"),
        ),
        (
            "targets/read/block.rs",
            include_str!("../targets/read/block.rs"),
        ),
        (
            "targets/read/list.rs",
            include_str!("../targets/read/list.rs"),
        ),
        (
            "targets/read/disclosure.rs",
            include_str!("../targets/read/disclosure.rs"),
        ),
        (
            "review/narrative_files.rs",
            include_str!("../review/narrative_files.rs"),
        ),
        (
            "narrative/check/against_tables.rs",
            include_str!("../narrative/check/against_tables.rs"),
        ),
        (
            "narrative/check/arranged.rs",
            include_str!("../narrative/check/arranged.rs"),
        ),
        (
            "narrative/check/consistency.rs",
            include_str!("../narrative/check/consistency.rs"),
        ),
        ("consolidate/mod.rs", include_str!("../consolidate/mod.rs")),
        ("consolidate/sum.rs", include_str!("../consolidate/sum.rs")),
        ("package/review.rs", include_str!("../package/review.rs")),
        ("review/pdf_file.rs", include_str!("../review/pdf_file.rs")),
        (
            "narrative/check/final_facts.rs",
            include_str!("../narrative/check/final_facts.rs"),
        ),
        (
            "narrative/check/projects.rs",
            include_str!("../narrative/check/projects.rs"),
        ),
        (
            "narrative/check/mod.rs",
            include_str!("../narrative/check/mod.rs"),
        ),
        (
            "narrative/document/mod.rs",
            include_str!("../narrative/document/mod.rs"),
        ),
        (
            "narrative/document/text.rs",
            include_str!("../narrative/document/text.rs"),
        ),
        (
            "narrative/document/years.rs",
            include_str!("../narrative/document/years.rs"),
        ),
        (
            "narrative/document/scale.rs",
            include_str!("../narrative/document/scale.rs"),
        ),
    ];

    /// snake_case literals of those files that are not rule ids.
    const NOT_RULES: [&str; 3] = ["snake_case", "no_targets", "invalid_targets"];

    /// The contents of the string literals of `source` (char literals such as '"' skipped).
    fn literals(source: &str) -> Vec<&str> {
        let mut out = Vec::new();
        let mut rest = source;
        while let Some(pos) = rest.find(['"', '\'']) {
            let after = &rest[pos + 1..];
            if rest[pos..].starts_with('\'') {
                // A char literal ('"', '\"', '“') is skipped whole; a lifetime ('a) is not one.
                let body = match after.chars().next() {
                    Some('\\') => after.get(..2).map_or(0, str::len),
                    Some(c) => c.len_utf8(),
                    None => 0,
                };
                rest = match after.get(body..) {
                    Some(tail) if tail.starts_with('\'') => &tail[1..],
                    _ => after,
                };
                continue;
            }
            let mut end = None;
            let mut escaped = false;
            for (i, c) in after.char_indices() {
                match c {
                    '\\' if !escaped => escaped = true,
                    '"' if !escaped => {
                        end = Some(i);
                        break;
                    }
                    _ => escaped = false,
                }
            }
            let Some(end) = end else {
                break;
            };
            out.push(&after[..end]);
            rest = &after[end + 1..];
        }
        out
    }

    fn is_id(text: &str) -> bool {
        text.contains('_')
            && text.starts_with(|c: char| c.is_ascii_lowercase())
            && text
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
    }

    fn is_table_prefix(text: &str) -> bool {
        text.strip_prefix(['t', 'f'])
            .is_some_and(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()))
    }

    /// Every rule id the checks can emit, by file.
    fn emitted_ids() -> Vec<(&'static str, String)> {
        let mut ids = Vec::new();
        for (file, source) in SOURCES {
            let found = literals(source);
            let prefixes: Vec<&str> = found
                .iter()
                .copied()
                .filter(|l| is_table_prefix(l))
                .collect();
            for literal in &found {
                if let Some(suffix) = literal.strip_prefix("{prefix}_") {
                    assert!(
                        !prefixes.is_empty(),
                        "{file}: {literal} without table prefixes"
                    );
                    ids.extend(prefixes.iter().map(|p| (file, format!("{p}_{suffix}"))));
                } else if is_id(literal) && !NOT_RULES.contains(literal) {
                    ids.push((file, literal.to_string()));
                }
            }
        }
        ids
    }

    #[test]
    fn every_rule_the_checks_can_emit_has_a_chinese_title() {
        let ids = emitted_ids();
        // The walk finds the rules of every family, so a broken scan cannot pass unnoticed.
        for expected in [
            "t1_expenditure_total",
            "t5_tree",
            "t4_income_parts",
            "t11_grand_total",
            "catalog_unknown_code",
            "target_weights",
            "narrative_share",
            "file_unreadable",
        ] {
            assert!(
                ids.iter().any(|(_, id)| id == expected),
                "{expected} not found in the sources"
            );
        }
        assert!(ids.len() > 60, "only {} rule ids found", ids.len());
        for (file, id) in &ids {
            let title = rule_title(id);
            assert!(
                !title.is_empty() && title != *id && title != UNKNOWN_RULE,
                "{file}: rule {id} has no Chinese title"
            );
            assert!(
                title
                    .chars()
                    .any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
                "{file}: the title of {id} is not Chinese: {title}"
            );
            assert!(
                !title.contains(|c: char| c.is_ascii_lowercase()),
                "{file}: the title of {id} shows an id: {title}"
            );
        }
    }

    /// The rule reference every rule must be listed in (docs/review-rules.md).
    const RULES_DOC: &str = include_str!("../../../../docs/review-rules.md");

    /// "t3_tree" → "tN_tree", "f8_carry" → "fN_carry": how the reference names a family.
    fn family(id: &str) -> Option<String> {
        let (table, rest) = id.split_once('_')?;
        let letter = table.chars().next()?;
        is_table_prefix(table).then(|| format!("{letter}N_{rest}"))
    }

    #[test]
    fn every_rule_the_checks_can_emit_is_documented() {
        let missing: Vec<String> = emitted_ids()
            .into_iter()
            .map(|(_, id)| id)
            .filter(|id| {
                !RULES_DOC.contains(&format!("`{id}`"))
                    && family(id).is_none_or(|f| !RULES_DOC.contains(&format!("`{f}`")))
            })
            .collect::<std::collections::BTreeSet<_>>()
            .into_iter()
            .collect();
        assert!(
            missing.is_empty(),
            "rules missing from docs/review-rules.md: {missing:?}"
        );
    }
}
