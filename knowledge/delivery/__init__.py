"""Lead delivery: the outbox (outbox.py), the webhook and e-mail senders, and the worker that sends events.

Run the worker with `python -m knowledge.delivery`; `make run` and `make prod` start it.
"""
