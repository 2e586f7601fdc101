"""The grader's stand-in for an Output widget records outputs and never writes to the kernel.

nbclient's stand-in echoed every output back on the shell channel while the cell's reply
was awaited on that same socket; the reply then often went unseen until the cell timeout,
a 120 s stall per widget cell (validate of module 02 took 140 s instead of 55 s).
"""

from __future__ import annotations

from types import SimpleNamespace

from crosstrain.grading.runner import SandboxExecute

OUTPUT_MODEL = {"_model_module": "@jupyter-widgets/output", "_model_name": "OutputModel", "outputs": []}


class _Shell:
    def __init__(self):
        self.sent = []

    def send(self, msg):
        self.sent.append(msg)


def _client() -> SimpleNamespace:
    session = SimpleNamespace(msg=lambda msg_type, **kw: {"msg_type": msg_type, **kw})
    return SimpleNamespace(shell_channel=_Shell(), session=session)


def _display(text: str) -> dict:
    return {"msg_type": "display_data", "parent_header": {"msg_id": "m1"}, "header": {"msg_type": "display_data"},
            "content": {"data": {"text/plain": text}, "metadata": {}}}


def test_output_widget_keeps_outputs_and_sends_nothing_to_the_kernel():
    ep = SandboxExecute(output_limit=1 << 20)
    ep.kc = _client()
    open_msg = {"content": {"comm_id": "c1", "data": {"state": dict(OUTPUT_MODEL)}}}
    ep.widget_state["c1"] = dict(OUTPUT_MODEL)  # nbclient stores the state as the comm opens
    widget = ep.on_comm_open_jupyter_widget(open_msg)
    assert widget is not None
    widget.output([], _display("a chart"), None, 0)
    widget.clear_output([], {"parent_header": {}, "content": {"wait": False}}, 0)
    widget.output([], _display("the next chart"), None, 0)
    assert [o["data"]["text/plain"] for o in widget.outputs] == ["the next chart"]
    assert ep.kc.shell_channel.sent == []


def test_other_widgets_are_left_to_nbclient():
    ep = SandboxExecute(output_limit=1 << 20)
    ep.kc = _client()
    slider = {"_model_module": "@jupyter-widgets/controls", "_model_name": "IntSliderModel"}
    assert ep.on_comm_open_jupyter_widget({"content": {"comm_id": "c2", "data": {"state": slider}}}) is None
