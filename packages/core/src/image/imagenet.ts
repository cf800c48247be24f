/** ImageNet's per-channel RGB statistics (torchvision's), the usual normalisation of pretrained models. */
export const IMAGENET_MEAN: readonly number[] = [0.485, 0.456, 0.406];
export const IMAGENET_STD: readonly number[] = [0.229, 0.224, 0.225];
