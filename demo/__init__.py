"""The demo hub: a small, realistic hub about feedback conversations.

``load_demo_hub`` calls ``demo_hub_load``; the content lives in ``hub``,
``articles``, ``screencasts`` and ``questions``, the files in ``demo/files``.
"""
