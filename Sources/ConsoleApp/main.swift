print("payops")
