#!/usr/bin/env python3
"""The reference Robust Perturbation loop in PyTorch, for bench/rp-vs-pytorch.mjs.

  python3 bench/rp-vs-pytorch.py export --arch resnet50 --size 300 --classes 8 --out model.onnx
  python3 bench/rp-vs-pytorch.py time --arch resnet50 --size 300 --classes 8 --threads 2 --iterations 6

`export` builds the network with seeded random weights (torch.manual_seed(0)) and writes it as
ONNX, so the project runs the very same model; `time` rebuilds it from the same seed and times the
RP loop of the reference code (jhkim0911/Robust-Perturbation, loader/attribution_map.py): per
iteration, fresh noise, the perturbed and the preserved branch (two forward calls), the loss on
their sigmoid outputs, one backward, one Adam step (lr 0.1) on a full-resolution mask, clamp.
It prints one JSON line: seconds per iteration (median after two warm-up iterations).

Needs PyTorch only (Debian: apt-get install python3-torch); torchvision is not needed: the two
networks are written here with torchvision's layer shapes (ResNet-50 v1.5 bottlenecks; VGG-16 with
a 3x3 stride-1 average pool giving 7x7 at 300 px, as the project's reference VGG-16 does).
"""
import argparse
import json
import math
import statistics
import time

import torch
from torch import nn


class Bottleneck(nn.Module):
    def __init__(self, cin, width, stride):
        super().__init__()
        cout = width * 4
        self.body = nn.Sequential(
            nn.Conv2d(cin, width, 1, bias=False), nn.BatchNorm2d(width), nn.ReLU(inplace=True),
            nn.Conv2d(width, width, 3, stride, 1, bias=False), nn.BatchNorm2d(width), nn.ReLU(inplace=True),
            nn.Conv2d(width, cout, 1, bias=False), nn.BatchNorm2d(cout))
        self.shortcut = (nn.Sequential(nn.Conv2d(cin, cout, 1, stride, bias=False), nn.BatchNorm2d(cout))
                         if stride != 1 or cin != cout else nn.Identity())

    def forward(self, x):
        return torch.relu(self.body(x) + self.shortcut(x))


def resnet50(classes):
    layers = [nn.Conv2d(3, 64, 7, 2, 3, bias=False), nn.BatchNorm2d(64), nn.ReLU(inplace=True), nn.MaxPool2d(3, 2, 1)]
    cin = 64
    for stage, count in enumerate([3, 4, 6, 3]):
        width = 64 * 2 ** stage
        for block in range(count):
            layers.append(Bottleneck(cin, width, 2 if block == 0 and stage > 0 else 1))
            cin = width * 4
    layers += [nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(cin, classes)]
    return nn.Sequential(*layers)


def vgg16(classes, size):
    layers, cin = [], 3
    for c in [64, 64, 0, 128, 128, 0, 256, 256, 256, 0, 512, 512, 512, 0, 512, 512, 512, 0]:
        if c == 0:
            layers.append(nn.MaxPool2d(2, 2))
            size //= 2
        else:
            layers += [nn.Conv2d(cin, c, 3, 1, 1), nn.ReLU(inplace=True)]
            cin = c
    if size > 7:
        layers.append(nn.AvgPool2d(size - 6, 1))
    layers += [nn.Flatten(), nn.Linear(cin * 49, 4096), nn.ReLU(inplace=True), nn.Dropout(),
               nn.Linear(4096, 4096), nn.ReLU(inplace=True), nn.Dropout(), nn.Linear(4096, classes)]
    return nn.Sequential(*layers)


def build(arch, size, classes):
    torch.manual_seed(0)
    model = resnet50(classes) if arch == 'resnet50' else vgg16(classes, size)
    return model.eval()


def bounded_divergence(p, q):
    return torch.mean(torch.log2(torch.abs(p - q) + 1))


def time_loop(args):
    torch.set_num_threads(args.threads)
    model = build(args.arch, args.size, args.classes)
    for parameter in model.parameters():
        parameter.requires_grad_(False)
    torch.manual_seed(777)
    x = torch.rand(1, 3, args.size, args.size)
    baseline = torch.rand(1, 3, args.size, args.size)
    with torch.no_grad():
        clean = torch.sigmoid(model(x))[0]
    target = 0
    others = [k for k in range(args.classes) if k != target]
    mask = torch.zeros(1, 1, args.size, args.size, requires_grad=True)
    optimizer = torch.optim.Adam([mask], lr=0.1)
    times = []
    for step in range(args.iterations + 2):
        start = time.perf_counter()
        perturbed = x * mask + baseline * (1 - mask) + torch.randn_like(x) * 0.2
        preserved = x * (1 - mask) + baseline * mask + torch.randn_like(x) * 0.2
        prt = torch.sigmoid(model(perturbed))[0]
        psv = torch.sigmoid(model(preserved))[0]
        tv = torch.mean((mask[..., 1:, :] - mask[..., :-1, :]) ** 2) + torch.mean((mask[..., :, 1:] - mask[..., :, :-1]) ** 2)
        loss = (-bounded_divergence(clean[target], prt[target]) + bounded_divergence(clean[others], prt[others])
                + 5 * torch.mean(torch.abs(1 - mask)) + bounded_divergence(clean[target], psv[target])
                + torch.mean(torch.log2(torch.abs(psv[others]) + 1)) + 20 * tv)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        with torch.no_grad():
            mask.clamp_(0, 1)
        if step >= 2:
            times.append(time.perf_counter() - start)
    assert math.isfinite(loss.item())
    print(json.dumps({'secondsPerIteration': statistics.median(times), 'iterations': len(times),
                      'threads': torch.get_num_threads(), 'torch': torch.__version__}))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('command', choices=['export', 'time'])
    parser.add_argument('--arch', choices=['resnet50', 'vgg16'], default='resnet50')
    parser.add_argument('--size', type=int, default=300)
    parser.add_argument('--classes', type=int, default=8)
    parser.add_argument('--threads', type=int, default=2)
    parser.add_argument('--iterations', type=int, default=6)
    parser.add_argument('--out')
    args = parser.parse_args()
    if args.command == 'time':
        time_loop(args)
        return
    model = build(args.arch, args.size, args.classes)
    torch.onnx.export(model, torch.zeros(1, 3, args.size, args.size), args.out, input_names=['input'],
                      output_names=['logits'], dynamic_axes={'input': {0: 'N'}, 'logits': {0: 'N'}}, opset_version=13)


if __name__ == '__main__':
    main()
