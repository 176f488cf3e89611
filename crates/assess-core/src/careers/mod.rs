//! Careers: the job-family catalogue (families, the RIASEC codes and ISCO-08
//! unit groups they stand for, the training that leads to them) and the
//! recommendations made from a person's results.

pub(crate) mod batch;
pub(crate) mod catalog;
pub mod recommend;
