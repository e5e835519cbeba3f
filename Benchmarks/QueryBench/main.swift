print("QueryBench: TODO")
