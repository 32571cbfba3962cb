//! 决算 data: what a finance officer enters for the year's final accounts (spending, income,
//! carry-overs, the 三公 budget), its validation against the catalog and the funds' identities,
//! and the derivation of the nine 决算 tables F1–F9 (`tables::FinalTables`) from it. The
//! domain sibling of `lines`, which does the same for 预算.

pub mod completion;
pub mod derive;
pub mod model;
mod validate;
pub mod vocabulary;

pub use completion::{
    completion_rate, general_budget_completion, three_public_completion, Completion,
};
pub use derive::derive_final_tables;
pub use model::{
    CarryFund, CarryOver, FinalData, FinalLine, FundBalance, IncomeLine, SpendingKind,
    ThreePublicBudget,
};
pub use validate::{validate, DataPart, DataProblem};

#[cfg(test)]
mod tests;
