//! A county department with units below it, in one database: the set-up of the 汇总 tests.
//! 县政府办公室 (行政, code 101) is the department; below it 驻京联络处 (行政, 101001),
//! 政务服务中心 (事业, 101002) and, where a test needs a unit noted 并入本级, 县档案室 (事业,
//! 101003).

use budget_core::model::{Unit, UnitInput, UnitType};
use budget_core::store::Store;

/// The department's name.
pub const DEPARTMENT: &str = "县政府办公室";
/// The name of the 行政 unit below the department.
pub const LIAISON: &str = "驻京联络处";
/// The name of the 事业 unit below the department.
pub const CENTRE: &str = "政务服务中心";

/// Adds the unit `name` with `code` and `unit_type` to `store`, below `parent` if given.
pub fn add_unit(
    store: &mut Store,
    code: &str,
    name: &str,
    unit_type: UnitType,
    parent: Option<&Unit>,
) -> Unit {
    store
        .create_unit(&UnitInput {
            name: name.into(),
            code: code.into(),
            unit_type,
            parent_id: parent.map(|p| p.id),
        })
        .unwrap_or_else(|e| panic!("unit {code} {name}: {e}"))
}

/// Adds the department 县政府办公室 (行政, 101), with no unit above it.
pub fn add_department(store: &mut Store) -> Unit {
    add_unit(store, "101", DEPARTMENT, UnitType::Administrative, None)
}

/// Adds 驻京联络处 (行政, 101001) below `department`.
pub fn add_liaison_office(store: &mut Store, department: &Unit) -> Unit {
    add_unit(
        store,
        "101001",
        LIAISON,
        UnitType::Administrative,
        Some(department),
    )
}

/// Adds 政务服务中心 (事业, 101002) below `department`.
pub fn add_service_centre(store: &mut Store, department: &Unit) -> Unit {
    add_unit(
        store,
        "101002",
        CENTRE,
        UnitType::Institution,
        Some(department),
    )
}

/// Adds 县档案室 (事业, 101003) below `department`: a unit without a disclosure of its own.
pub fn add_archive(store: &mut Store, department: &Unit) -> Unit {
    add_unit(
        store,
        "101003",
        "县档案室",
        UnitType::Institution,
        Some(department),
    )
}

/// The department and its two units, as [`department_with_two_units`] adds them.
pub struct DepartmentUnits {
    /// 县政府办公室, the department itself (本级).
    pub department: Unit,
    /// 驻京联络处, 行政.
    pub liaison: Unit,
    /// 政务服务中心, 事业.
    pub centre: Unit,
}

/// Adds 县政府办公室 and below it 驻京联络处 and 政务服务中心 to `store`, no disclosures yet.
pub fn department_with_two_units(store: &mut Store) -> DepartmentUnits {
    let department = add_department(store);
    let liaison = add_liaison_office(store, &department);
    let centre = add_service_centre(store, &department);
    DepartmentUnits {
        department,
        liaison,
        centre,
    }
}
