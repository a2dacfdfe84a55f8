"""The way a Python pipeline does the analysis worker's video work with OpenCV (Debian's python3-opencv), run whole
by bench/keyframes_bench as the peer it compares with:

  keyframes CLIP T...  cv2.VideoCapture set to each scene's frame (CAP_PROP_POS_FRAMES), read, encoded as JPEG
  detect CLIP          PySceneDetect's content detector, as its ContentDetector computes it: each frame in HSV,
                       downscaled as its auto_downscale does (width // 256), the mean absolute change of H, S and V
                       from the frame before, averaged over the three; a cut where that reaches 27 and the scene has
                       15 frames

Prints the number of JPEGs made or cuts found, which the benchmark checks.
"""
import sys

import cv2
import numpy


def keyframes(clip, times):
    capture = cv2.VideoCapture(clip)
    fps = capture.get(cv2.CAP_PROP_FPS)
    made = 0
    for time in times:
        capture.set(cv2.CAP_PROP_POS_FRAMES, round(float(time) * fps))
        ok, frame = capture.read()
        if ok and cv2.imencode(".jpg", frame)[0]:
            made += 1
    print(made)


def detect(clip, threshold=27.0, min_scene_len=15):
    capture = cv2.VideoCapture(clip)
    previous = None
    cuts = 0
    last_cut = 0
    index = 0
    while True:
        ok, frame = capture.read()
        if not ok:
            break
        factor = max(1, frame.shape[1] // 256)
        if factor > 1:
            frame = cv2.resize(frame, (frame.shape[1] // factor, frame.shape[0] // factor))
        hsv = cv2.split(cv2.cvtColor(frame, cv2.COLOR_BGR2HSV))
        if previous is not None:
            deltas = [numpy.mean(numpy.abs(now.astype(numpy.int32) - then.astype(numpy.int32)))
                      for now, then in zip(hsv, previous)]
            if sum(deltas) / 3.0 >= threshold and index - last_cut >= min_scene_len:
                cuts += 1
                last_cut = index
        previous = hsv
        index += 1
    print(cuts)


if __name__ == "__main__":
    if sys.argv[1] == "keyframes":
        keyframes(sys.argv[2], sys.argv[3:])
    else:
        detect(sys.argv[2])
