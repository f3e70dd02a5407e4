# Thin recipes over cargo; everything here also works without `just`.

# Your progress and what to do next.
default:
    cargo workshop

# The whole test suite (what CI runs as the test command).
test:
    cargo test

# Check one exercise: `just ex 02`.
ex NN:
    cargo workshop check {{NN}}

# A hint for one exercise: `just hint 02` (or `just hint 02 2`).
hint NN LEVEL="1":
    cargo workshop hint {{NN}} {{LEVEL}}

# Back to the stub (your version is saved in .workshop/backups): `just reset 02`.
reset NN:
    cargo workshop reset {{NN}}

# The version `reset` saved last.
restore NN:
    cargo workshop restore {{NN}}

# The reference solution as a diff against yours: `just solution 02`.
solution NN:
    cargo workshop solution {{NN}} --diff

# The instructor's whole-course check.
verify:
    cargo workshop verify

# clippy on the mistakes, alternatives and stubs (`test = false` targets).
lint-mistakes:
    bash .ci/lint-mistakes

# Rewrite the recorded failures of the known mistakes after changing a test's message.
bless:
    cargo workshop verify --bless

# Build the book and serve it on http://127.0.0.1:3000/ (nothing to install).
book:
    cargo workshop book

# Everything CI runs.
ci:
    bash .ci/run

# The benchmarks: asyncio, uvloop and Tokio side by side, written to the book's table
# (`just bench --quick` for the one-minute check).
bench *ARGS:
    cargo run -p bench --release -- {{ARGS}}

# A learner's first ten minutes, measured on a fresh clone (the README's figures).
cold-start:
    bash .ci/cold-start
