"""The name walls (劳模墙), a room of their own inside the exhibits app. Imports point down this list only:

- arrangement.py — the editor's choices (orientation, order, grouping, repeats) and what the code reads from a wall
- placements.py — the stored layout: WallPlacement, WallLayoutState
- lookup.py — cached snapshots of the published walls, for the fast views
- layout.py, locate.py, render.py, cards.py — laying a wall out, finding a name, drawing a panel and a card
- pages.py — what the wall pages and the index show (the page models call it)
- admin_panels.py — the layout status in the wall's edit view
- models.py — the page models (NameWallIndexPage, NameWallPage with its honours and entrances)
- views.py, urls.py, api.py, admin_views.py, signals.py, hooks.py, demo.py — the ways in: panel fragments and
  cards, the open API, editors' tools, following the dictionary, the site's extension points, demo walls
- public.py — what other apps may ask the walls (a name's place label and link); they import nothing else here
"""
