"""The warehouse's methods beside Spark (issue 37, docs/scaling.md): the dbt Python models' package
functions run on the `spark` target's tables (`methods`), the GMM's map step on Spark's executors
(`gmm`). Needs the Spark extra (`make install-spark`); nothing else in the package imports it."""
