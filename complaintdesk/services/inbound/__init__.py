"""What customers send, stored first: email, social posts, phone calls, the shop counter,
complaints imported from elsewhere."""
