//! Both sides do the same work: every workload, on both Tokio runtimes and on asyncio,
//! computes the tally that its closed form predicts. Nothing here measures a speed.

use std::path::PathBuf;

use bench::{Flavor, Plan, measure, python};

#[test]
fn tokio_computes_every_expected_tally_on_both_runtimes() {
    let plan = Plan::tiny();
    for &workload in &plan.workloads {
        for flavor in Flavor::ALL {
            // `measure` checks the tally of every run and panics, naming it, if it is wrong.
            let samples = measure(workload, flavor, 0, 1);
            assert_eq!(samples.len(), 1);
        }
    }
}

#[test]
fn asyncio_computes_the_same_tallies() {
    let python = PathBuf::from(python::base_python());
    if !python::version_of(&python).is_some_and(|v| python::supported(&v)) {
        // Python 3.11+ is not a prerequisite of the workshop; the benchmark command says
        // so loudly, this test only when asked (`--nocapture`).
        eprintln!(
            "skipped: `{}` is not a Python 3.11 or newer",
            python.display()
        );
        return;
    }
    let plan = Plan::tiny();
    let results = python::run(&python, "asyncio", &plan, false).expect("python/workloads.py runs");
    assert_eq!(results.len(), plan.workloads.len());
    for workload in &plan.workloads {
        let result = results
            .iter()
            .find(|r| r.id == workload.id())
            .unwrap_or_else(|| panic!("asyncio did not run {}", workload.id()));
        assert_eq!(
            result.tally,
            workload.expected(),
            "asyncio's {} computed another result than Tokio's",
            workload.id()
        );
        assert_eq!(result.seconds.len(), 1);
    }
}
