print("qtickets-fake: not yet")
