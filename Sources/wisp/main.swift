print("wisp")
