"""Side-by-side comparison of the project's data-quality rules with the DfE rule engines
(one adapter module per return; the shared interface is described in `common`)."""
