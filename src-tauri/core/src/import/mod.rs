//! Use cases that bring a file into the database: read it with a reader of `xlsx` / `targets`,
//! check it, then write it through `store`. Application layer: may use every module below it.

pub mod targets;
