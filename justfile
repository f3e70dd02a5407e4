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

# The instructor's whole-course check.
verify:
    cargo workshop verify

# Rewrite the recorded failures of the known mistakes after changing a test's message.
bless:
    cargo workshop verify --bless

# Serve the book on localhost (needs mdBook 0.5.4: `cargo install mdbook --version 0.5.4 --locked`).
book:
    mdbook serve book

# Everything CI runs.
ci:
    bash .ci/run
