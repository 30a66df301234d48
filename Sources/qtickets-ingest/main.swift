print("qtickets-ingest: not yet")
